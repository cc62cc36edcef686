package io.github.correlation.testkit;

import org.jspecify.annotations.Nullable;

/**
 * Entry point for the AssertJ assertions of the test kit. Statically import
 * {@code assertThat} from here next to AssertJ's own: overload resolution picks these for
 * traces, spans, log lines and OTLP log records.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CorrelationAssertions {

	private CorrelationAssertions() {
	}

	/**
	 * Start assertions on the structure of a trace.
	 * @param trace the trace to check
	 * @return the assertions
	 */
	public static TraceAssert assertThat(@Nullable Trace trace) {
		return new TraceAssert(trace);
	}

	/**
	 * Start assertions on the correlation ids of JSON log lines.
	 * @param lines the lines to check
	 * @return the assertions
	 */
	public static LogLinesAssert assertThat(@Nullable LogLines lines) {
		return new LogLinesAssert(lines);
	}

	/**
	 * Start assertions on one log record received over OTLP.
	 * @param record the log record to check
	 * @return the assertions
	 */
	public static LogRecordAssert assertThat(@Nullable ReceivedLogRecord record) {
		return new LogRecordAssert(record);
	}

	/**
	 * Start assertions on one span, such as its events.
	 * @param span the span to check
	 * @return the assertions
	 */
	public static SpanAssert assertThat(@Nullable ReceivedSpan span) {
		return new SpanAssert(span);
	}

}
