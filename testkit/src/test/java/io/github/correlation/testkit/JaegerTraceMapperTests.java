package io.github.correlation.testkit;

import java.util.Map;

import io.github.correlation.testkit.ReceivedSpan.Event;
import io.github.correlation.testkit.ReceivedSpan.Link;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class JaegerTraceMapperTests {

	static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private final Trace trace = JaegerTraceMapper
		.trace(TRACE_ID, json(JaegerQueryStub.resource("three-services-trace.json")))
		.orElseThrow();

	@Test
	void padsTheTraceIdThatJaegerSendsWithoutLeadingZeros() {
		assertThat(this.trace.traceId()).isEqualTo(TRACE_ID);
		assertThat(this.trace.spans()).extracting(ReceivedSpan::traceId).containsOnly(TRACE_ID);
	}

	@Test
	void takesTheParentFromTheChildOfReference() {
		assertThat(this.trace.roots()).singleElement().satisfies((root) -> {
			assertThat(root.spanId()).isEqualTo("00f067aa0ba902b7");
			assertThat(root.parentSpanId()).isEmpty();
		});
		assertThat(this.trace.orphans()).isEmpty();
		assertThat(span("orders process").parentSpanId()).isEqualTo("c7d8e9f0a1b2c3d4");
		assertThat(this.trace.parent(span("charge"))).contains(span("orders process"));
	}

	@Test
	void turnsFollowsFromAndReferencesToOtherTracesIntoLinks() {
		assertThat(span("orders process").links())
			.containsExactly(new Link("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174"));
		assertThat(span("orders send").links()).isEmpty();
	}

	@Test
	void readsTheKindFromTheSpanKindTag() {
		assertThat(this.trace.spans()).extracting(ReceivedSpan::serviceName, ReceivedSpan::kind)
			.containsExactly(tuple("gateway", "SERVER"), tuple("gateway", "CLIENT"), tuple("orders", "SERVER"),
					tuple("orders", "PRODUCER"), tuple("payments", "CONSUMER"), tuple("payments", "INTERNAL"));
	}

	@Test
	void readsTheStatusFromTheOtelStatusCodeOrTheErrorTag() {
		assertThat(span("orders process").statusCode()).isEqualTo("ERROR");
		assertThat(span("orders send").statusCode()).isEqualTo("OK");
		assertThat(span("charge").statusCode()).isEqualTo("ERROR");
		assertThat(span("http get").statusCode()).isEqualTo("UNSET");
	}

	@Test
	void keepsTheOtherTagsAsStringAttributesInOrder() {
		assertThat(this.trace.roots().get(0).attributes()).containsExactly(
				Map.entry("otel.scope.name", "org.springframework.boot"), Map.entry("http.request.method", "GET"),
				Map.entry("http.route", "/orders/{id}"), Map.entry("url.path", "/orders/42"),
				Map.entry("http.response.status_code", "200"));
		assertThat(span("orders process").attributes()).containsEntry("messaging.kafka.offset", "17")
			.containsEntry("otel.status_description", "card declined")
			.doesNotContainKeys("span.kind", "otel.status_code", "error");
		assertThat(span("charge").attributes()).containsEntry("payment.amount", "12.5");
	}

	@Test
	void convertsMicrosecondsToNanoseconds() {
		ReceivedSpan root = this.trace.roots().get(0);
		assertThat(root.startEpochNanos()).isEqualTo(1_700_000_000_000_000_000L);
		assertThat(root.endEpochNanos()).isEqualTo(1_700_000_000_120_000_000L);
		assertThat(this.trace.waterfall()).contains("6 spans  services: gateway, orders, payments");
	}

	@Test
	void mapsLogsToEventsNamedByTheirEventField() {
		assertThat(span("charge").events()).extracting(Event::name, Event::epochNanos)
			.containsExactly(tuple("exception", 1_700_000_000_050_000_000L), tuple("log", 1_700_000_000_040_000_000L),
					tuple("", 1_700_000_000_045_000_000L));
		assertThat(span("charge").events("exception")).singleElement()
			.satisfies((event) -> assertThat(event.attributes()).containsExactly(
					Map.entry("exception.type", "java.lang.IllegalStateException"),
					Map.entry("exception.message", "card declined")));
		assertThat(span("charge").events("log")).singleElement()
			.satisfies((event) -> assertThat(event.attributes()).containsExactly(Map.entry("log.severity", "WARN"),
					Map.entry("log.attempt", "2")));
		assertThat(span("charge").events("")).singleElement()
			.satisfies((event) -> assertThat(event.attributes()).containsExactly(Map.entry("retry", "true")));
		assertThat(span("orders process").events()).isEmpty();
	}

	@Test
	void refusesALogWithoutATimestamp() {
		String response = """
				{"data":[{"traceID":"1","spans":[{"traceID":"1","spanID":"2","operationName":"op","startTime":0,
				"duration":0,"logs":[{"fields":[{"key":"event","value":"exception"}]}]}]}]}
				""";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JaegerTraceMapper.trace("00000000000000000000000000000001", json(response)))
			.withMessageContaining("\"timestamp\"");
	}

	@Test
	void takesTheServiceFromTheProcessTagWhenTheServiceNameIsMissing() {
		String response = """
				{"data":[{"traceID":"1","spans":[{"traceID":"1","spanID":"2","operationName":"op","startTime":0,
				"duration":0,"processID":"p1"}],"processes":{"p1":{"tags":[{"key":"service.name","value":"orders"}]}}}]}
				""";
		Trace minimal = JaegerTraceMapper.trace("00000000000000000000000000000001", json(response)).orElseThrow();
		assertThat(minimal.spans()).singleElement().satisfies((span) -> {
			assertThat(span.serviceName()).isEqualTo("orders");
			assertThat(span.spanId()).isEqualTo("0000000000000002");
			assertThat(span.kind()).isEqualTo("INTERNAL");
			assertThat(span.attributes()).isEmpty();
			assertThat(span.events()).isEmpty();
		});
	}

	@Test
	void findsNothingInAnAnswerWithoutData() {
		assertThat(JaegerTraceMapper.trace(TRACE_ID, json("{\"data\":null}"))).isEmpty();
		assertThat(JaegerTraceMapper.trace(TRACE_ID, json("{\"data\":[]}"))).isEmpty();
		assertThat(JaegerTraceMapper.trace(TRACE_ID, json("{\"data\":[{\"traceID\":\"1\",\"spans\":[]}]}"))).isEmpty();
	}

	@Test
	void refusesIdsThatAreNotHex() {
		assertThatIllegalArgumentException().isThrownBy(() -> JaegerTraceMapper.normalizeId("xyz", 16))
			.withMessageContaining("\"xyz\"");
		assertThatIllegalArgumentException().isThrownBy(() -> JaegerTraceMapper.normalizeId("1".repeat(17), 16));
		assertThat(JaegerTraceMapper.normalizeId(" ABC ", 16)).isEqualTo("0000000000000abc");
	}

	private ReceivedSpan span(String name) {
		return this.trace.spansNamed(name).get(0);
	}

	static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

}
