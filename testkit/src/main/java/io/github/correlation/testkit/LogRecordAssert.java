package io.github.correlation.testkit;

import java.util.Objects;

import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on one log record an {@link OtlpReceiver} received: its body,
 * severity, trace and span id and attributes. Ids are compared ignoring case. Failure
 * messages quote the whole record.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see CorrelationAssertions#assertThat(ReceivedLogRecord)
 */
public final class LogRecordAssert extends AbstractAssert<LogRecordAssert, ReceivedLogRecord> {

	/**
	 * Create assertions on a log record; usually reached through
	 * {@link CorrelationAssertions#assertThat(ReceivedLogRecord)}.
	 * @param actual the log record to check
	 */
	public LogRecordAssert(@Nullable ReceivedLogRecord actual) {
		super(actual, LogRecordAssert.class);
	}

	/**
	 * Verify the body of the record, the formatted message of its log line.
	 * @param body the expected body
	 * @return this assertion
	 */
	public LogRecordAssert hasBody(String body) {
		if (!record().body().equals(body)) {
			fail("the body \"" + body + "\"");
		}
		return this;
	}

	/**
	 * Verify the severity text of the record ({@code INFO}, {@code WARN}, ...).
	 * @param severity the expected severity text
	 * @return this assertion
	 */
	public LogRecordAssert hasSeverity(String severity) {
		if (!record().severityText().equalsIgnoreCase(severity)) {
			fail("the severity " + severity);
		}
		return this;
	}

	/**
	 * Verify that the record was written inside the given trace.
	 * @param traceId the trace id, 32 hex characters
	 * @return this assertion
	 */
	public LogRecordAssert hasTraceId(String traceId) {
		if (!record().traceId().equalsIgnoreCase(traceId)) {
			fail("the trace id " + traceId);
		}
		return this;
	}

	/**
	 * Verify that the record was written while the given span was current.
	 * @param spanId the span id, 16 hex characters
	 * @return this assertion
	 */
	public LogRecordAssert hasSpanId(String spanId) {
		if (!record().spanId().equalsIgnoreCase(spanId)) {
			fail("the span id " + spanId);
		}
		return this;
	}

	/**
	 * Verify that the record was written while the given span was current: the span's
	 * trace id and span id.
	 * @param span the span, as the same receiver got it
	 * @return this assertion
	 */
	public LogRecordAssert wasWrittenIn(ReceivedSpan span) {
		return hasTraceId(span.traceId()).hasSpanId(span.spanId());
	}

	/**
	 * Verify that the record was written outside any trace: no trace id, no span id.
	 * @return this assertion
	 */
	public LogRecordAssert isOutsideAnyTrace() {
		if (!record().traceId().isEmpty() || !record().spanId().isEmpty()) {
			fail("no trace id and no span id");
		}
		return this;
	}

	/**
	 * Verify one attribute of the record, such as the request id ({@code request_id}) or
	 * a baggage field.
	 * @param key the attribute's key
	 * @param value the expected value, rendered as a string
	 * @return this assertion
	 */
	public LogRecordAssert hasAttribute(String key, String value) {
		if (!Objects.equals(record().attributes().get(key), value)) {
			fail("the attribute " + key + "=" + value);
		}
		return this;
	}

	/**
	 * Verify that the record has no attribute of the given key.
	 * @param key the attribute's key
	 * @return this assertion
	 */
	public LogRecordAssert doesNotHaveAttribute(String key) {
		if (record().attributes().containsKey(key)) {
			fail("no attribute " + key);
		}
		return this;
	}

	private ReceivedLogRecord record() {
		isNotNull();
		return this.actual;
	}

	private void fail(String expectation) {
		failWithMessage("%s", "Expected a log record with " + expectation + " but it was " + this.actual);
	}

}
