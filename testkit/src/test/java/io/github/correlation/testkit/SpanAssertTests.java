package io.github.correlation.testkit;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SpanAssertTests {

	private final ReceivedSpan declined = new ReceivedSpan(Spans.TRACE_ID, Spans.id("a"), "",
			"http post /payments/authorize", "SERVER", "payments", 0, 10, "UNSET", Map.of(), List.of(),
			List.of(new ReceivedSpan.Event("log", 5,
					Map.of("log.severity", "WARN", "log.message", "card ****0002 declined"))));

	@Test
	void passesOnTheEventsOfTheSpan() {
		CorrelationAssertions.assertThat(this.declined)
			.hasEvent("log")
			.hasEvent("log", Map.of("log.severity", "WARN", "log.message", "card ****0002 declined"))
			.hasNoEvent("exception");
		CorrelationAssertions.assertThat(Spans.span("b", "", "orders", "GET /orders", 0, 1)).hasNoEvents();
	}

	@Test
	void listsTheEventsWhenAnExpectationFails() {
		AssertionError error = catchThrowableOfType(AssertionError.class,
				() -> CorrelationAssertions.assertThat(this.declined).hasEvent("log", Map.of("log.severity", "ERROR")));
		assertThat(error.getMessage()).startsWith("Expected span \"http post /payments/authorize\" of payments")
			.contains("an event log with {log.severity=ERROR}")
			.contains("card ****0002 declined");
		assertThat(catchThrowableOfType(AssertionError.class,
				() -> CorrelationAssertions.assertThat(this.declined).hasNoEvents()))
			.hasMessageContaining("to have no events");
	}

}
