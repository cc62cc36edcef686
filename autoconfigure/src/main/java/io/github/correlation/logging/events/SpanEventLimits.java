package io.github.correlation.logging.events;

/**
 * How much of the log lines a span takes as events.
 *
 * @param maxPerSpan the most events one span takes; further lines are only counted
 * @param maxMessageLength the longest message kept, longer ones are cut
 * @param maxStackTraceLength the longest stack trace kept, longer ones are cut
 * @author Correlation contributors
 * @since 0.1.0
 */
public record SpanEventLimits(int maxPerSpan, int maxMessageLength, int maxStackTraceLength) {

	/**
	 * The defaults: 32 events per span, messages of 1024 characters, stack traces of
	 * 8192.
	 */
	public static final SpanEventLimits DEFAULTS = new SpanEventLimits(32, 1024, 8192);

	/**
	 * Create a new instance.
	 * @param maxPerSpan the most events one span takes, at least 1
	 * @param maxMessageLength the longest message kept, at least 1
	 * @param maxStackTraceLength the longest stack trace kept, at least 1
	 */
	public SpanEventLimits {
		if (maxPerSpan < 1 || maxMessageLength < 1 || maxStackTraceLength < 1) {
			throw new IllegalArgumentException("Every limit must be at least 1");
		}
	}

}
