package io.github.correlation.w3c;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * The W3C Baggage limits: every {@code baggage} header of a message together is one list,
 * of which at most {@value #MAX_MEMBERS} members and {@value #MAX_BYTES} bytes are
 * propagated; beyond that whole members are dropped, never cut.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class BaggageHeader {

	/**
	 * Header name.
	 */
	public static final String NAME = "baggage";

	/**
	 * Maximum number of propagated list members.
	 */
	public static final int MAX_MEMBERS = 64;

	/**
	 * Maximum number of propagated bytes, separators included.
	 */
	public static final int MAX_BYTES = 8192;

	private BaggageHeader() {
	}

	/**
	 * Combine every value of the header into one list within the limits.
	 * @param values every value of the header, in order
	 * @return the bounded list, or {@code null} when there is no member
	 */
	public static @Nullable String limit(Iterator<String> values) {
		return bound(values).list();
	}

	/**
	 * Return whether every member of the given header values is propagated.
	 * @param values every value of the header, in order
	 * @return {@code false} when members would be dropped
	 */
	public static boolean isWithinLimits(Iterator<String> values) {
		return !bound(values).dropped();
	}

	private static Bounded bound(Iterator<String> values) {
		StringJoiner list = new StringJoiner(",");
		int members = 0;
		int bytes = 0;
		while (values.hasNext()) {
			String value = values.next();
			if (value == null) {
				continue;
			}
			for (String member : value.split(",", -1)) {
				String trimmed = Ows.trim(member);
				if (trimmed.isEmpty()) {
					continue;
				}
				int size = trimmed.getBytes(StandardCharsets.UTF_8).length + ((members > 0) ? 1 : 0);
				if (members == MAX_MEMBERS || bytes + size > MAX_BYTES) {
					return new Bounded((members > 0) ? list.toString() : null, true);
				}
				list.add(trimmed);
				members++;
				bytes += size;
			}
		}
		return new Bounded((members > 0) ? list.toString() : null, false);
	}

	/**
	 * Bound a single outgoing header value.
	 * @param value the header value
	 * @return the bounded value, empty when nothing is left
	 */
	public static String limit(String value) {
		String limited = limit(List.of(value).iterator());
		return (limited != null) ? limited : "";
	}

	private record Bounded(@Nullable String list, boolean dropped) {

	}

}
