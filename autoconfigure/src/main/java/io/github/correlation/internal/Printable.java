package io.github.correlation.internal;

/**
 * Makes a value that may come from outside (a span name, a thread name, a header, a log
 * message) safe to put on one log line, into a report or on a span: control characters
 * become {@code ?} and the value is cut to a bounded length.
 *
 * @author Correlation contributors
 */
public final class Printable {

	private Printable() {
	}

	/**
	 * The value on one line: every control character replaced, cut to a length.
	 * @param value the value
	 * @param maxLength the longest result, {@code ...} aside
	 * @return the printable value
	 */
	public static String of(String value, int maxLength) {
		return of(value, maxLength, false);
	}

	/**
	 * The value cut to a length, with its control characters replaced, line breaks and
	 * tabs kept if asked: a stack trace is meant to span lines.
	 * @param value the value
	 * @param maxLength the longest result, {@code ...} aside
	 * @param keepLines whether to keep line feeds and tabs
	 * @return the printable value
	 */
	public static String of(String value, int maxLength, boolean keepLines) {
		int length = Math.min(value.length(), maxLength);
		StringBuilder result = null;
		for (int i = 0; i < length; i++) {
			char ch = value.charAt(i);
			boolean kept = keepLines && (ch == '\n' || ch == '\t');
			if (!kept && (Character.isISOControl(ch) || Character.getType(ch) == Character.FORMAT)) {
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
		return (value.length() > maxLength) ? printable + "..." : printable;
	}

}
