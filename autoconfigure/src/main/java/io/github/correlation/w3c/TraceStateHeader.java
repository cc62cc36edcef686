package io.github.correlation.w3c;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Strict reading and bounded writing of the W3C {@code tracestate} header.
 * <p>
 * Keys follow the newest grammar ({@code [a-z0-9][a-z0-9_-*&#47;@]{0,255}}), which the
 * public test suite checks: {@code tenant@system} as well as {@code foo@} or
 * {@code foo@@bar} are keys, {@code @foo} is not. A key listed twice keeps its left-most
 * member, the one the last vendor wrote; the specification allows keeping the duplicates
 * or dropping one, and dropping the whole list would lose every other vendor's state.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class TraceStateHeader {

	/**
	 * Header name.
	 */
	public static final String NAME = "tracestate";

	/**
	 * Maximum number of list members.
	 */
	public static final int MAX_MEMBERS = 32;

	/**
	 * Length up to which a list is always propagated whole.
	 */
	public static final int PROPAGATED_LENGTH = 512;

	private static final int LONG_MEMBER = 128;

	private TraceStateHeader() {
	}

	/**
	 * Combine every value of the header into one list and validate it.
	 * @param values every value of the header, in order
	 * @return the combined list without repeated keys, empty when there is none, or
	 * {@code null} when the list is invalid and must be dropped
	 */
	public static @Nullable String normalize(Iterator<String> values) {
		List<String> members = new ArrayList<>();
		while (values.hasNext()) {
			String value = values.next();
			if (value != null) {
				split(value, members);
			}
		}
		if (members.size() > MAX_MEMBERS) {
			return null;
		}
		Set<String> keys = new HashSet<>();
		List<String> kept = new ArrayList<>(members.size());
		for (String member : members) {
			int equals = member.indexOf('=');
			if (equals <= 0 || !isValidKey(member, equals) || !isValidValue(member, equals + 1)) {
				return null;
			}
			if (keys.add(member.substring(0, equals))) {
				kept.add(member);
			}
		}
		return String.join(",", kept);
	}

	/**
	 * Bound an outgoing list: at most {@value #MAX_MEMBERS} members, dropping the
	 * right-most; beyond {@value #PROPAGATED_LENGTH} characters, whole members are
	 * dropped, first those over 128 characters, then from the right.
	 * @param value the list to send
	 * @return the bounded list
	 */
	public static String truncate(String value) {
		List<String> members = new ArrayList<>();
		split(value, members);
		while (members.size() > MAX_MEMBERS) {
			members.remove(members.size() - 1);
		}
		for (int i = members.size() - 1; i >= 0 && length(members) > PROPAGATED_LENGTH; i--) {
			if (members.get(i).length() > LONG_MEMBER) {
				members.remove(i);
			}
		}
		while (length(members) > PROPAGATED_LENGTH) {
			members.remove(members.size() - 1);
		}
		return String.join(",", members);
	}

	/**
	 * Whether a key and a value make a valid list member.
	 * @param key the key
	 * @param value the value
	 * @return whether both follow the grammar
	 */
	static boolean isValidMember(String key, String value) {
		String member = key + "=" + value;
		return !key.isEmpty() && isValidKey(member, key.length()) && isValidValue(member, key.length() + 1);
	}

	private static void split(String value, List<String> members) {
		for (String member : value.split(",", -1)) {
			String trimmed = Ows.trim(member);
			if (!trimmed.isEmpty()) {
				members.add(trimmed);
			}
		}
	}

	private static int length(List<String> members) {
		int length = Math.max(0, members.size() - 1);
		for (String member : members) {
			length += member.length();
		}
		return length;
	}

	private static boolean isValidKey(String member, int end) {
		if (end > 256) {
			return false;
		}
		char first = member.charAt(0);
		if (!(isLowerAlpha(first) || isDigit(first))) {
			return false;
		}
		for (int i = 1; i < end; i++) {
			char ch = member.charAt(i);
			if (!(isLowerAlpha(ch) || isDigit(ch) || ch == '_' || ch == '-' || ch == '*' || ch == '/' || ch == '@')) {
				return false;
			}
		}
		return true;
	}

	private static boolean isValidValue(String member, int from) {
		int length = member.length() - from;
		if (length < 1 || length > 256 || member.charAt(member.length() - 1) == ' ') {
			return false;
		}
		for (int i = from; i < member.length(); i++) {
			char ch = member.charAt(i);
			if (ch < 0x20 || ch > 0x7E || ch == ',' || ch == '=') {
				return false;
			}
		}
		return true;
	}

	private static boolean isLowerAlpha(char ch) {
		return ch >= 'a' && ch <= 'z';
	}

	private static boolean isDigit(char ch) {
		return ch >= '0' && ch <= '9';
	}

}
