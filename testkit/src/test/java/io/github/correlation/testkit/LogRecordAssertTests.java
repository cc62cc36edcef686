package io.github.correlation.testkit;

import java.util.Map;

import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LogRecordAssertTests {

	private static final String SPAN_ID = Spans.id("a");

	private final ReceivedLogRecord inSpan = new ReceivedLogRecord("orders", "order 42 saved", "INFO", 9,
			Spans.TRACE_ID, SPAN_ID, Map.of("request_id", "rid-1"));

	private final ReceivedLogRecord outside = new ReceivedLogRecord("orders", "started", "INFO", 9, "", "", Map.of());

	@Test
	void passesOnTheBodySeverityIdsAndAttributesOfTheRecord() {
		ReceivedSpan span = Spans.span("a", "", "orders", "POST /orders", 0, 10);
		CorrelationAssertions.assertThat(this.inSpan)
			.hasBody("order 42 saved")
			.hasSeverity("info")
			.hasTraceId(Spans.TRACE_ID.toUpperCase())
			.hasSpanId(SPAN_ID)
			.wasWrittenIn(span)
			.hasAttribute("request_id", "rid-1")
			.doesNotHaveAttribute("user_id");
		CorrelationAssertions.assertThat(this.outside).isOutsideAnyTrace();
	}

	@Test
	void quotesTheRecordWhenAnExpectationFails() {
		assertFails(() -> CorrelationAssertions.assertThat(this.inSpan).hasBody("order 43 saved"))
			.startsWith("Expected a log record with the body \"order 43 saved\" but it was ReceivedLogRecord[")
			.contains("body=order 42 saved");
		assertFails(() -> CorrelationAssertions.assertThat(this.inSpan).hasSeverity("WARN"))
			.contains("the severity WARN");
		assertFails(() -> CorrelationAssertions.assertThat(this.outside).hasTraceId(Spans.TRACE_ID))
			.contains("the trace id " + Spans.TRACE_ID);
		assertFails(() -> CorrelationAssertions.assertThat(this.inSpan).hasSpanId(Spans.id("b")))
			.contains("the span id " + Spans.id("b"));
		assertFails(() -> CorrelationAssertions.assertThat(this.inSpan).isOutsideAnyTrace())
			.contains("no trace id and no span id");
		assertFails(() -> CorrelationAssertions.assertThat(this.inSpan).hasAttribute("request_id", "rid-2"))
			.contains("the attribute request_id=rid-2");
		assertFails(() -> CorrelationAssertions.assertThat(this.inSpan).doesNotHaveAttribute("request_id"))
			.contains("no attribute request_id");
		assertFails(() -> CorrelationAssertions.assertThat((ReceivedLogRecord) null).hasBody("x"))
			.contains("Expecting actual not to be null");
	}

	private static AbstractStringAssert<?> assertFails(ThrowingCallable assertion) {
		AssertionError error = catchThrowableOfType(AssertionError.class, assertion);
		assertThat(error).as("assertion error").isNotNull();
		return assertThat(error.getMessage());
	}

}
