package io.github.correlation.w3c;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * The W3C Baggage limits and grammar: every {@code baggage} header of a message together
 * is one list, of which at most {@value #MAX_MEMBERS} members and {@value #MAX_BYTES}
 * bytes are propagated; beyond that whole members are dropped, never cut. A member that
 * does not follow the grammar (a key that is not a token, a value with characters that
 * must be percent-encoded, a malformed property) is dropped on its own, where
 * OpenTelemetry's parser would read some of them into odd keys and send them on.
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
	 * @return {@code false} when members would be dropped for the limits
	 */
	public static boolean isWithinLimits(Iterator<String> values) {
		return !bound(values).dropped();
	}

	/**
	 * Return whether every member of the given header values follows the grammar.
	 * @param values every value of the header, in order
	 * @return {@code false} when invalid members would be dropped
	 */
	public static boolean isValid(Iterator<String> values) {
		return !bound(values).invalid();
	}

	private static Bounded bound(Iterator<String> values) {
		StringJoiner list = new StringJoiner(",");
		int members = 0;
		int bytes = 0;
		boolean invalid = false;
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
				if (!isValidMember(trimmed)) {
					invalid = true;
					continue;
				}
				int size = trimmed.getBytes(StandardCharsets.UTF_8).length + ((members > 0) ? 1 : 0);
				if (members == MAX_MEMBERS || bytes + size > MAX_BYTES) {
					return new Bounded((members > 0) ? list.toString() : null, true, invalid);
				}
				list.add(trimmed);
				members++;
				bytes += size;
			}
		}
		return new Bounded((members > 0) ? list.toString() : null, false, invalid);
	}

	// key OWS "=" OWS value *( OWS ";" OWS property ), property = key OWS [ "=" OWS value
	// ]
	static boolean isValidMember(String member) {
		String[] parts = member.split(";", -1);
		int equals = parts[0].indexOf('=');
		if (equals < 0 || !isToken(Ows.trim(parts[0].substring(0, equals)))
				|| !isValue(Ows.trim(parts[0].substring(equals + 1)))) {
			return false;
		}
		for (int i = 1; i < parts.length; i++) {
			int propertyEquals = parts[i].indexOf('=');
			String key = (propertyEquals < 0) ? parts[i] : parts[i].substring(0, propertyEquals);
			if (!isToken(Ows.trim(key))
					|| (propertyEquals >= 0 && !isValue(Ows.trim(parts[i].substring(propertyEquals + 1))))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isToken(String key) {
		if (key.isEmpty()) {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			char ch = key.charAt(i);
			if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
					|| "!#$%&'*+-.^_`|~".indexOf(ch) >= 0)) {
				return false;
			}
		}
		return true;
	}

	// baggage-octet: %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
	private static boolean isValue(String value) {
		for (int i = 0; i < value.length(); i++) {
			char ch = value.charAt(i);
			if (ch < 0x21 || ch > 0x7e || ch == '"' || ch == ',' || ch == ';' || ch == '\\') {
				return false;
			}
		}
		return true;
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

	private record Bounded(@Nullable String list, boolean dropped, boolean invalid) {

	}

}
