package io.github.correlation.conventions;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanFilter;
import org.jspecify.annotations.Nullable;

/**
 * Exports the attributes that the semantic conventions type as integers
 * ({@code http.response.status_code}, {@code server.port},
 * {@code messaging.kafka.offset}, ...) as integers, and
 * {@code messaging.kafka.message.tombstone} as a boolean. Micrometer's observations carry
 * every value as a string, and a backend rule such as
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
		for (Map.Entry<String, Object> tag : tags.entrySet()) {
			if (tag.getValue() instanceof String value) {
				Object converted = convert(tag.getKey(), value);
				if (converted != null) {
					typed = (typed != null) ? typed : new LinkedHashMap<>(tags);
					typed.put(tag.getKey(), converted);
				}
			}
		}
		if (tags.containsKey(DatabaseSemanticConventions.SYSTEM_NAME)
				&& DatabaseSemanticConventions.HIKARI_KEYS.stream().anyMatch(tags::containsKey)) {
			typed = (typed != null) ? typed : new LinkedHashMap<>(tags);
			typed.keySet().removeAll(DatabaseSemanticConventions.HIKARI_KEYS);
		}
		return (typed != null) ? span.setTypedTags(typed) : span;
	}

	private static @Nullable Object convert(String key, String value) {
		if (HttpSemanticConventions.INTEGER_ATTRIBUTES.contains(key)
				|| MessagingSemanticConventions.INTEGER_ATTRIBUTES.contains(key)
				|| key.equals(DatabaseSemanticConventions.OPERATION_BATCH_SIZE)) {
			return parse(value);
		}
		if (MessagingSemanticConventions.BOOLEAN_ATTRIBUTES.contains(key)) {
			return Boolean.valueOf(value);
		}
		return null;
	}

	private static @Nullable Long parse(String value) {
		try {
			return Long.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
