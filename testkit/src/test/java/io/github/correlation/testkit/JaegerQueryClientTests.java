package io.github.correlation.testkit;

import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JaegerQueryClientTests {

	private static final String TRACE_ID = JaegerTraceMapperTests.TRACE_ID;

	private static final String TRACE_PATH = "/api/traces/" + TRACE_ID;

	private static final String TRACE = JaegerQueryStub.resource("three-services-trace.json");

	@AutoClose
	private final JaegerQueryStub jaeger = JaegerQueryStub.start();

	private final JaegerQueryClient client = new JaegerQueryClient(this.jaeger.baseUrl() + "/");

	@Test
	void readsATraceAcrossThreeServices() {
		this.jaeger.answer(TRACE_PATH, 200, TRACE);
		Trace trace = this.client.trace(TRACE_ID).orElseThrow();
		assertThat(trace.services()).containsExactly("gateway", "orders", "payments");
		assertThat(trace.spans()).hasSize(6);
		assertThat(trace.roots()).singleElement().satisfies((root) -> assertThat(root.kind()).isEqualTo("SERVER"));
		assertThat(this.jaeger.requests()).containsExactly("GET " + TRACE_PATH);
	}

	@Test
	void asksForTheNormalizedTraceId() {
		this.jaeger.answer(TRACE_PATH, 200, TRACE);
		assertThat(this.client.trace(" AF7651916CD43DD8448EB211C80319C")).isPresent();
		assertThat(this.jaeger.requests()).containsExactly("GET " + TRACE_PATH);
	}

	@Test
	void findsNoTraceWhenJaegerAnswersNotFoundOrNoData() {
		assertThat(this.client.trace(TRACE_ID)).isEmpty();
		this.jaeger.answer(TRACE_PATH, 200, "{\"data\":[],\"errors\":null}");
		assertThat(this.client.trace(TRACE_ID)).isEmpty();
	}

	@Test
	void reportsMalformedJsonWithTheUrlAndTheBody() {
		this.jaeger.answer(TRACE_PATH, 200, "{\"data\": [ {\"traceID\": ");
		assertThatExceptionOfType(JaegerQueryException.class).isThrownBy(() -> this.client.trace(TRACE_ID))
			.withMessageContaining("malformed JSON")
			.withMessageContaining(this.jaeger.baseUrl() + TRACE_PATH)
			.withMessageContaining("{\"data\": [ {\"traceID\": ");
	}

	@Test
	void reportsJsonOfAnUnexpectedShape() {
		this.jaeger.answer(TRACE_PATH, 200, "{\"data\":[{\"traceID\":\"" + TRACE_ID + "\",\"spans\":{}}]}");
		assertThatExceptionOfType(JaegerQueryException.class).isThrownBy(() -> this.client.trace(TRACE_ID))
			.withMessageContaining("unexpected shape")
			.withMessageContaining("\"spans\" is not an array");
	}

	@Test
	void reportsAnUnexpectedStatus() {
		this.jaeger.answer(TRACE_PATH, 500, "storage unavailable");
		assertThatExceptionOfType(JaegerQueryException.class).isThrownBy(() -> this.client.trace(TRACE_ID))
			.withMessageContaining("HTTP 500: storage unavailable");
	}

	@Test
	void reportsAJaegerThatCannotBeReached() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		JaegerQueryClient unreachable = new JaegerQueryClient("http://127.0.0.1:" + port);
		assertThatExceptionOfType(JaegerQueryException.class).isThrownBy(unreachable::services)
			.withMessageContaining("Cannot reach Jaeger at http://127.0.0.1:" + port);
	}

	@Test
	void refusesATraceIdThatIsNotHexAndABaseUrlThatIsNotHttp() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.trace("../api/services"));
		assertThatIllegalArgumentException().isThrownBy(() -> new JaegerQueryClient("ftp://jaeger"));
		assertThat(this.client.baseUrl()).isEqualTo(this.jaeger.baseUrl());
	}

	@Test
	void listsTheServices() {
		this.jaeger.answer("/api/services", 200, JaegerQueryStub.resource("services.json"));
		assertThat(this.client.services()).containsExactly("gateway", "jaeger", "orders", "payments");
	}

	@Test
	void awaitsATraceThatJaegerIndexesLateAndPiecemeal() {
		this.jaeger.answer(TRACE_PATH, 404, "")
			.answer(TRACE_PATH, 200, withoutLastSpan(TRACE))
			.answer(TRACE_PATH, 200, TRACE);
		Trace trace = this.client.awaitTrace(TRACE_ID, (candidate) -> candidate.spans().size() == 6,
				Duration.ofSeconds(10));
		assertThat(trace.spans()).hasSize(6);
		assertThat(this.jaeger.requests()).hasSize(3);
	}

	@Test
	void keepsAwaitingUntilTheTraceIsComplete() {
		this.jaeger.answer(TRACE_PATH, 200, TRACE);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.client.awaitTrace(TRACE_ID, (candidate) -> candidate.spans().size() == 7,
					Duration.ofMillis(500)))
			.withMessageContaining("did not complete within PT0.5S in Jaeger at " + this.jaeger.baseUrl())
			.withMessageContaining("(6 spans so far)")
			.withMessageContaining("services: gateway, orders, payments");
		assertThat(this.jaeger.requests()).hasSizeBetween(2, 5);
	}

	@Test
	void reportsATraceThatNeverArrives() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.client.awaitTrace(TRACE_ID, (candidate) -> true, Duration.ofMillis(300)))
			.withMessageEndingWith("(no span of it found)");
	}

	private static String withoutLastSpan(String trace) {
		JsonNode json = JsonMapper.shared().readTree(trace);
		ArrayNode spans = (ArrayNode) json.path("data").path(0).path("spans");
		spans.remove(spans.size() - 1);
		return json.toString();
	}

}
