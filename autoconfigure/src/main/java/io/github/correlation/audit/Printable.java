package io.github.correlation.audit;

/**
 * Makes a value that may come from outside (a span name, a thread name, a header) safe to
 * put on one log line and into the report: control characters become {@code ?} and the
 * value is cut to a bounded length.
 *
 * @author Correlation contributors
 */
final class Printable {

	private Printable() {
	}

	static String of(String value, int maxLength) {
		int length = Math.min(value.length(), maxLength);
		StringBuilder result = null;
		for (int i = 0; i < length; i++) {
			char ch = value.charAt(i);
			if (Character.isISOControl(ch) || Character.getType(ch) == Character.FORMAT) {
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
