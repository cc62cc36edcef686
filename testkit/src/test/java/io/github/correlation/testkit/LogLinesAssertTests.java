package io.github.correlation.testkit;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LogLinesAssertTests {

	private static final String OTHER_TRACE_ID = "5b8efff798038103d269b633813fc60c";

	private final Trace first = Spans.trace(Spans.span("a", "", "gateway", "GET /orders", 0, 100),
			Spans.span("b", "a", "orders", "GET /orders/{id}", 10, 90));

	private final Trace second = new Trace(OTHER_TRACE_ID, List.of(new ReceivedSpan(OTHER_TRACE_ID, Spans.id("c"), "",
			"GET /orders", "SERVER", "gateway", 0, 1, "UNSET", Map.of(), List.of())));

	@Test
	void passesWhenEveryLineCarriesTheTraceAndOneOfItsSpans() {
		LogLines lines = lines(line(Spans.TRACE_ID, Spans.id("a"), "received"),
				line(Spans.TRACE_ID.toUpperCase(), Spans.id("b"), "loaded"));
		CorrelationAssertions.assertThat(lines).isNotEmpty().hasSize(2).allCarry(this.first).allCarryTraceIds();
	}

	@Test
	void quotesEachLineThatDoesNotCarryTheTraceWithTheReason() {
		String foreignSpan = line(Spans.TRACE_ID, Spans.id("c"), "foreign span");
		LogLines lines = lines(line(Spans.TRACE_ID, Spans.id("a"), "fine"), "{\"message\":\"no ids\"}",
				line(OTHER_TRACE_ID, Spans.id("c"), "other trace"), "{\"trace_id\":\"" + Spans.TRACE_ID + "\"}",
				foreignSpan);
		assertFails(() -> CorrelationAssertions.assertThat(lines).allCarry(this.first))
			.startsWith("Expected every log line to carry trace " + Spans.TRACE_ID
					+ " and one of its 2 span ids, but 4 of 5")
			.contains("[no trace id] {\"message\":\"no ids\"}", "[trace id " + OTHER_TRACE_ID + "]", "[no span id]",
					"[span id 000000000000000c is not part of the trace] " + foreignSpan)
			.doesNotContain("fine")
			.endsWith(this.first.waterfall());
	}

	@Test
	void refusesToCheckNoLinesAtAll() {
		LogLines banner = LogLines.parse(" :: Spring Boot ::\nStarted in plain text");
		assertFails(() -> CorrelationAssertions.assertThat(banner).allCarry(this.first))
			.isEqualTo("Expected JSON log lines but there are none (2 lines that are not JSON objects were set aside)");
		assertFails(() -> CorrelationAssertions.assertThat(banner).allCarryTraceIds())
			.startsWith("Expected JSON log lines");
		CorrelationAssertions.assertThat(banner).noneCarryTraceIds().carryNoIdsOutside(this.first).hasSize(0);
	}

	@Test
	void passesWhenLinesCarryOnlyIdsOfTheGivenTraces() {
		LogLines lines = lines(line(Spans.TRACE_ID, Spans.id("b"), "first"),
				line(OTHER_TRACE_ID, Spans.id("c"), "second"), "{\"message\":\"startup\"}");
		CorrelationAssertions.assertThat(lines).carryNoIdsOutside(this.first, this.second);
	}

	@Test
	void catchesCrossTalkBetweenTraces() {
		LogLines lines = lines(line(Spans.TRACE_ID, Spans.id("c"), "mixed"),
				line(OTHER_TRACE_ID, Spans.id("a"), "mixed"),
				line("ffffffffffffffffffffffffffffffff", Spans.id("a"), "unknown"),
				"{\"span_id\":\"" + Spans.id("a") + "\"}", line(OTHER_TRACE_ID, "", "no span"));
		assertFails(() -> CorrelationAssertions.assertThat(lines).carryNoIdsOutside(this.first, this.second)).contains(
				"5 of 5 lines do not",
				"[span id 000000000000000c is not part of trace " + Spans.TRACE_ID + " but of trace " + OTHER_TRACE_ID,
				"[span id 000000000000000a is not part of trace " + OTHER_TRACE_ID + " but of trace " + Spans.TRACE_ID,
				"[trace id ffffffffffffffffffffffffffffffff is none of the given traces]",
				"[span id 000000000000000a without a trace id]", "[no span id]");
	}

	@Test
	void checksThatLinesCarryIdsOrNone() {
		LogLines none = lines("{\"message\":\"a\"}", "{\"message\":\"b\",\"trace_id\":\"\"}");
		CorrelationAssertions.assertThat(none).noneCarryTraceIds();
		assertFails(() -> CorrelationAssertions.assertThat(none).allCarryTraceIds()).contains("2 of 2 lines do not",
				"[no trace id]");
		LogLines some = lines(line(Spans.TRACE_ID, Spans.id("a"), "a"), "{\"span_id\":\"" + Spans.id("b") + "\"}");
		assertFails(() -> CorrelationAssertions.assertThat(some).noneCarryTraceIds())
			.contains("[trace id " + Spans.TRACE_ID + "]", "[span id 000000000000000b]");
		assertFails(() -> CorrelationAssertions.assertThat(some).allCarryTraceIds()).contains("1 of 2 lines do not");
	}

	@Test
	void quotesAtMostTenLines() {
		LogLines lines = lines(IntStream.rangeClosed(1, 15)
			.mapToObj((i) -> "{\"message\":\"line " + i + "\"}")
			.toArray(String[]::new));
		assertFails(() -> CorrelationAssertions.assertThat(lines).allCarryTraceIds())
			.contains("line 10\"}", "\n  ... and 5 more")
			.doesNotContain("line 11");
		assertFails(() -> CorrelationAssertions.assertThat(lines).hasSize(3))
			.startsWith("Expected 3 JSON log lines but there are 15");
	}

	private static String line(String traceId, String spanId, String message) {
		return "{\"message\":\"" + message + "\",\"trace_id\":\"" + traceId + "\",\"span_id\":\"" + spanId + "\"}";
	}

	private static LogLines lines(String... lines) {
		return LogLines.parse(List.of(lines).stream().collect(Collectors.joining("\n")));
	}

	private static AbstractStringAssert<?> assertFails(ThrowingCallable assertion) {
		AssertionError error = catchThrowableOfType(AssertionError.class, assertion);
		assertThat(error).as("assertion error").isNotNull();
		return assertThat(error.getMessage());
	}

}
