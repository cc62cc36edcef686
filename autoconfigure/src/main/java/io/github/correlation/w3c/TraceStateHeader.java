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
 * Keys follow the newest grammar for simple keys
 * ({@code [a-z0-9][a-z0-9_-*&#47;]{0,255}}); a key holding {@code @} must be a Level 1
 * multi-tenant key ({@code tenant@system}), because the public test suite still rejects
 * other {@code @} keys and rejecting them on the way in is the safe reading of both
 * levels.
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
	 * @return the combined list, empty when there is none, or {@code null} when the list
	 * is invalid and must be dropped
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
		for (String member : members) {
			int equals = member.indexOf('=');
			if (equals <= 0 || !isValidKey(member, equals) || !isValidValue(member, equals + 1)
					|| !keys.add(member.substring(0, equals))) {
				return null;
			}
		}
		return String.join(",", members);
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
		int at = member.indexOf('@');
		if (at < 0 || at >= end) {
			return end <= 256 && isKeyPart(member, 0, end, true);
		}
		return at <= 241 && end - at - 1 <= 14 && isKeyPart(member, 0, at, true)
				&& isKeyPart(member, at + 1, end, false);
	}

	private static boolean isKeyPart(String member, int from, int to, boolean digitFirst) {
		if (from >= to) {
			return false;
		}
		char first = member.charAt(from);
		if (!(isLowerAlpha(first) || (digitFirst && isDigit(first)))) {
			return false;
		}
		for (int i = from + 1; i < to; i++) {
			char ch = member.charAt(i);
			if (!(isLowerAlpha(ch) || isDigit(ch) || ch == '_' || ch == '-' || ch == '*' || ch == '/')) {
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
