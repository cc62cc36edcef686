package io.github.correlation.edge;

import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * Keeps the members of a W3C {@code baggage} header whose keys are allowed, and counts
 * the rest. Members are kept as they were written, properties and percent-encoding
 * included.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class BaggageFilter {

	private final Set<String> allowed;

	private final Dropped dropped;

	/**
	 * Create a new instance.
	 * @param allowed the allowed keys, lower case
	 * @param dropped told how many members were dropped
	 */
	public BaggageFilter(Set<String> allowed, Dropped dropped) {
		this.allowed = Set.copyOf(allowed);
		this.dropped = dropped;
	}

	/**
	 * Filter a header value.
	 * @param value the header value, or {@code null}
	 * @return the allowed members, or {@code null} if none is left
	 */
	public @Nullable String filter(@Nullable String value) {
		if (value == null) {
			return null;
		}
		StringJoiner kept = new StringJoiner(",");
		int droppedMembers = 0;
		for (String member : value.split(",", -1)) {
			String trimmed = member.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			int end = trimmed.indexOf('=');
			String key = ((end >= 0) ? trimmed.substring(0, end) : trimmed).trim().toLowerCase(Locale.ROOT);
			if (this.allowed.contains(key)) {
				kept.add(trimmed);
			}
			else {
				droppedMembers++;
			}
		}
		if (droppedMembers > 0) {
			this.dropped.dropped(droppedMembers);
		}
		return (kept.length() > 0) ? kept.toString() : null;
	}

	/**
	 * Told how many baggage entries were dropped.
	 */
	@FunctionalInterface
	public interface Dropped {

		/**
		 * Baggage entries were dropped.
		 * @param count how many
		 */
		void dropped(int count);

	}

}
