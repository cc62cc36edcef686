package io.github.correlation.conventions;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanFilter;

/**
 * Exports the attributes that the semantic conventions type as integers
 * ({@code http.response.status_code}, {@code server.port}, ...) as integers. Micrometer's
 * observations carry every value as a string, and a backend rule such as
 * {@code http.response.status_code >= 500} compares numbers: without this, it never
 * matches a span of a Spring service.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class SemanticConventionsSpanFilter implements SpanFilter {

	@Override
	public FinishedSpan map(FinishedSpan span) {
		Map<String, Object> tags = span.getTypedTags();
		Map<String, Object> typed = null;
		for (String key : HttpSemanticConventions.INTEGER_ATTRIBUTES) {
			if (tags.get(key) instanceof String value) {
				Long number = parse(value);
				if (number != null) {
					typed = (typed != null) ? typed : new LinkedHashMap<>(tags);
					typed.put(key, number);
				}
			}
		}
		return (typed != null) ? span.setTypedTags(typed) : span;
	}

	private static Long parse(String value) {
		try {
			return Long.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
