package io.github.correlation.logging.events;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * Writes a logged exception as Java prints it ({@code Throwable.printStackTrace}), causes
 * and suppressed exceptions included, and stops as soon as the text is long enough: a
 * deep stack costs no more than the part that is kept.
 *
 * @author Correlation contributors
 */
final class StackTraces {

	private static final int MAX_NESTING = 16;

	private static final IThrowableProxy[] NONE = {};

	private StackTraces() {
	}

	/**
	 * Write a stack trace.
	 * @param throwable the logged exception
	 * @param maxLength the length after which writing stops
	 * @return the stack trace, possibly longer than {@code maxLength} by one line
	 */
	static String of(IThrowableProxy throwable, int maxLength) {
		StringBuilder out = new StringBuilder(Math.min(maxLength, 1024) + 64);
		append(out, throwable, "", "", maxLength, 0);
		return out.toString();
	}

	private static void append(StringBuilder out, IThrowableProxy throwable, String caption, String indent,
			int maxLength, int nesting) {
		out.append(indent).append(caption).append(throwable.getClassName());
		if (throwable.getMessage() != null) {
			out.append(": ").append(throwable.getMessage());
		}
		if (throwable.isCyclic() || nesting >= MAX_NESTING) {
			return;
		}
		StackTraceElementProxy[] frames = throwable.getStackTraceElementProxyArray();
		int shown = (frames != null) ? frames.length - throwable.getCommonFrames() : 0;
		for (int i = 0; i < shown; i++) {
			if (out.length() >= maxLength) {
				return;
			}
			out.append('\n').append(indent).append('\t').append(frames[i].getSTEAsString());
		}
		if (throwable.getCommonFrames() > 0) {
			out.append('\n').append(indent).append("\t... ").append(throwable.getCommonFrames()).append(" more");
		}
		IThrowableProxy[] suppressedExceptions = throwable.getSuppressed();
		for (IThrowableProxy suppressed : (suppressedExceptions != null) ? suppressedExceptions : NONE) {
			if (out.length() >= maxLength) {
				return;
			}
			out.append('\n');
			append(out, suppressed, "Suppressed: ", indent + "\t", maxLength, nesting + 1);
		}
		IThrowableProxy cause = throwable.getCause();
		if (cause != null && out.length() < maxLength) {
			out.append('\n');
			append(out, cause, "Caused by: ", indent, maxLength, nesting + 1);
		}
	}

}
