package io.github.correlation.w3c;

/**
 * Optional whitespace (RFC 9110: spaces and horizontal tabs) around header values and
 * list members.
 *
 * @author Correlation contributors
 */
final class Ows {

	private Ows() {
	}

	static String trim(String value) {
		int start = 0;
		int end = value.length();
		while (start < end && isOws(value.charAt(start))) {
			start++;
		}
		while (end > start && isOws(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(start, end);
	}

	private static boolean isOws(char ch) {
		return ch == ' ' || ch == '\t';
	}

}
