package io.github.correlation.internal;

/**
 * Makes a value that may come from outside (a span name, a thread name, a header, a log
 * message) safe to put on one log line, into a report or onto a span: control and format
 * characters become {@code ?} and the value is cut to a bounded length, marked with
 * {@code ...}. Not an API.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class Printable {

	private Printable() {
	}

	/**
	 * Return the value on one line: every control character, line breaks included,
	 * becomes {@code ?}.
	 * @param value the value
	 * @param maxLength the longest result before the {@code ...} marker
	 * @return the printable value
	 */
	public static String of(String value, int maxLength) {
		return clean(value, maxLength, false);
	}

	/**
	 * Return the value with its line breaks and tabs kept, as a stack trace needs them;
	 * every other control character becomes {@code ?}.
	 * @param value the value
	 * @param maxLength the longest result before the {@code ...} marker
	 * @return the printable value
	 */
	public static String lines(String value, int maxLength) {
		return clean(value, maxLength, true);
	}

	private static String clean(String value, int maxLength, boolean keepLines) {
		int length = Math.min(value.length(), maxLength);
		// Never cut a surrogate pair in two: half a character is not printable anywhere.
		if (length > 0 && length < value.length() && Character.isHighSurrogate(value.charAt(length - 1))) {
			length--;
		}
		StringBuilder result = null;
		for (int i = 0; i < length; i++) {
			char ch = value.charAt(i);
			if (!isPrintable(ch, keepLines)) {
				if (result == null) {
					result = new StringBuilder(length).append(value, 0, i);
				}
				result.append('?');
			}
			else if (result != null) {
				result.append(ch);
			}
		}
		String printable = (result != null) ? result.toString() : value.substring(0, length);
		return (length < value.length()) ? printable + "..." : printable;
	}

	private static boolean isPrintable(char ch, boolean keepLines) {
		if (keepLines && (ch == '\n' || ch == '\t')) {
			return true;
		}
		return !Character.isISOControl(ch) && Character.getType(ch) != Character.FORMAT;
	}

}
