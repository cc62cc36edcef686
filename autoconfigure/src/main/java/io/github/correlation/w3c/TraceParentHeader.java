package io.github.correlation.w3c;

import java.util.Iterator;

import org.jspecify.annotations.Nullable;

/**
 * Strict reading of the W3C {@code traceparent} header (Trace Context Level 1 and 2).
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class TraceParentHeader {

	/**
	 * Header name.
	 */
	public static final String NAME = "traceparent";

	private static final int LENGTH = 55;

	private static final int TRACE_ID_OFFSET = 3;

	private static final int SPAN_ID_OFFSET = 36;

	private static final int FLAGS_OFFSET = 53;

	private TraceParentHeader() {
	}

	/**
	 * Return the single valid {@code traceparent} among the given header values,
	 * re-written as version {@code 00}, or {@code null} when a new trace must start: no
	 * value, more than one value, or a value that breaks the grammar.
	 * @param values every value of the header, in order
	 * @return the canonical header or {@code null}
	 */
	public static @Nullable String normalize(Iterator<String> values) {
		if (!values.hasNext()) {
			return null;
		}
		String value = values.next();
		if (values.hasNext() || value == null) {
			return null;
		}
		return normalize(value);
	}

	/**
	 * Return the given {@code traceparent} re-written as version {@code 00}, or
	 * {@code null} when it breaks the grammar.
	 * @param value the header value
	 * @return the canonical header or {@code null}
	 */
	public static @Nullable String normalize(String value) {
		String header = Ows.trim(value);
		if (header.length() < LENGTH || !isLowerHex(header, 0, 2) || header.startsWith("ff")) {
			return null;
		}
		boolean version00 = header.startsWith("00");
		if ((version00 && header.length() != LENGTH)
				|| (!version00 && header.length() > LENGTH && header.charAt(LENGTH) != '-')) {
			return null;
		}
		if (header.charAt(2) != '-' || header.charAt(SPAN_ID_OFFSET - 1) != '-'
				|| header.charAt(FLAGS_OFFSET - 1) != '-') {
			return null;
		}
		if (!isNonZeroLowerHex(header, TRACE_ID_OFFSET, SPAN_ID_OFFSET - 1)
				|| !isNonZeroLowerHex(header, SPAN_ID_OFFSET, FLAGS_OFFSET - 1)
				|| !isLowerHex(header, FLAGS_OFFSET, LENGTH)) {
			return null;
		}
		return version00 ? header : "00" + header.substring(2, LENGTH);
	}

	private static boolean isNonZeroLowerHex(String value, int from, int to) {
		boolean nonZero = false;
		for (int i = from; i < to; i++) {
			nonZero |= value.charAt(i) != '0';
		}
		return nonZero && isLowerHex(value, from, to);
	}

	private static boolean isLowerHex(String value, int from, int to) {
		for (int i = from; i < to; i++) {
			char ch = value.charAt(i);
			if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
				return false;
			}
		}
		return true;
	}

}
