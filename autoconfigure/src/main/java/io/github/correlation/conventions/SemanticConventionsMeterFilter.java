package io.github.correlation.conventions;

import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps the meters of the semantic conventions' HTTP, messaging and database metrics to
 * the conventions' tags: Micrometer's observation handler adds an {@code error} tag to
 * every timer (the simple name of the exception, or {@code none}), which the conventions'
 * {@code error.type} replaces; datasource-micrometer's Hikari filter adds the pool and
 * driver to every query timer, which the conventions have no place for.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class SemanticConventionsMeterFilter implements MeterFilter {

	/**
	 * The meters of the conventions' HTTP, messaging and database metrics.
	 */
	public static final Set<String> METERS = Set.of("http.server.request.duration", "http.client.request.duration",
			MessagingSemanticConventions.CLIENT_OPERATION_DURATION, MessagingSemanticConventions.PROCESS_DURATION,
			DatabaseSemanticConventions.CLIENT_OPERATION_DURATION);

	private static final String ERROR = "error";

	@Override
	public Meter.Id map(Meter.Id id) {
		if (!METERS.contains(id.getName())) {
			return id;
		}
		boolean database = id.getName().equals(DatabaseSemanticConventions.CLIENT_OPERATION_DURATION);
		List<Tag> tags = id.getTags()
			.stream()
			.filter((tag) -> !tag.getKey().equals(ERROR)
					&& !(database && DatabaseSemanticConventions.HIKARI_KEYS.contains(tag.getKey())))
			.toList();
		return (tags.size() != id.getTags().size()) ? id.replaceTags(tags) : id;
	}

}
