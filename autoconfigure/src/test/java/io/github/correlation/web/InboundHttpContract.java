package io.github.correlation.web;

import java.util.List;
import java.util.stream.Stream;

import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.RecordingHttpServer.RecordedRequest;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every inbound HTTP server with the starter does, servlet or WebFlux, on a real
 * server: response headers on every kind of response, the request id rules, and malformed
 * input. A subclass starts the application, with the endpoints {@code /hello},
 * {@code /call?url=} (an observed client), and the kinds of response it lists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class InboundHttpContract {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

	private final RecordingHttpServer downstream = new RecordingHttpServer();

	private final ConfigurableApplicationContext context = start("management.tracing.sampling.probability=1.0",
			"management.opentelemetry.tracing.export.schedule-delay=50ms", "logging.level.root=warn",
			"server.max-http-request-header-size=64KB");

	private final int port = TestApplication.port(this.context);

	/**
	 * Start the application, with an {@code InMemorySpanExporter} bean.
	 * @param properties the properties every server is tested with
	 * @return the application
	 */
	protected abstract ConfigurableApplicationContext start(String... properties);

	/**
	 * The paths of every kind of response the server's stack has: success, not found,
	 * exceptions, error statuses, responses written by exception handlers, streaming.
	 * @return the paths
	 */
	protected abstract Stream<String> responseKinds();

	@AfterAll
	void stop() {
		this.context.close();
		this.downstream.close();
	}

	@Test
	void continuesTheInboundTraceAndAnswersWithTraceresponseOfTheServerSpan() {
		String traceId = IdGenerator.random().generateTraceId();
		RawHttpClient.Response response = get("/hello", "traceparent", "00-" + traceId + "-b7ad6b7169203331-01");
		assertThat(response.status()).isEqualTo(200);
		SpanData server = SpanCapture.awaitSpan(this.context.getBean(InMemorySpanExporter.class), traceId,
				SpanKind.SERVER);
		assertThat(server.getParentSpanId()).isEqualTo("b7ad6b7169203331");
		assertThat(response.all("traceresponse")).containsExactly("00-" + traceId + "-" + server.getSpanId() + "-01");
	}

	@Test
	void startsATraceWhenNoneArrivesAndStillAnswersWithTraceresponse() {
		String traceresponse = get("/hello").header("traceresponse");
		assertThat(traceresponse).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[13]").doesNotContain("0".repeat(32));
	}

	@ParameterizedTest
	@MethodSource("responseKinds")
	void writesTraceresponseOnEveryKindOfResponse(String path) {
		RawHttpClient.Response response = get(path, "traceparent", TRACEPARENT);
		assertThat(response.all("traceresponse")).singleElement()
			.asString()
			.startsWith("00-" + TRACE_ID + "-")
			.doesNotContain("b7ad6b7169203331");
		assertThat(response.all("X-Request-Id")).hasSize(1);
	}

	@Test
	void keepsTheRandomTraceIdFlagAndZeroesUnknownFlags() {
		get("/call?url=" + this.downstream.url("/random"), "traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-03");
		assertThat(this.downstream.takeRequest().header("traceparent")).startsWith("00-" + TRACE_ID).endsWith("-03");
		RawHttpClient.Response response = get("/call?url=" + this.downstream.url("/unknown"), "traceparent",
				"00-" + TRACE_ID + "-b7ad6b7169203331-ff");
		assertThat(this.downstream.takeRequest().header("traceparent")).endsWith("-03");
		assertThat(response.header("traceresponse")).endsWith("-03");
	}

	@Test
	void acceptsEchoesAndPropagatesAValidRequestId() {
		RawHttpClient.Response response = get("/call?url=" + this.downstream.url("/rid"), "X-Request-Id", "lb-4711");
		RecordedRequest sent = this.downstream.takeRequest();
		assertThat(response.all("X-Request-Id")).containsExactly("lb-4711");
		assertThat(sent.all("X-Request-Id")).containsExactly("lb-4711");
		assertThat(sent.header("baggage")).contains("request_id=lb-4711");
	}

	@Test
	void acceptsTheRequestIdFromAnAlias() {
		RawHttpClient.Response response = get("/hello", "X-Correlation-Id", "alias-42");
		assertThat(response.header("X-Request-Id")).isEqualTo("alias-42");
	}

	@Test
	void acceptsTheRequestIdFromInboundBaggage() {
		RawHttpClient.Response response = get("/hello", "baggage", "request_id=from-upstream,tenant_id=acme");
		assertThat(response.header("X-Request-Id")).isEqualTo("from-upstream");
	}

	@Test
	void generatesARequestIdWhenNoneArrives() {
		RawHttpClient.Response first = get("/hello");
		RawHttpClient.Response second = get("/hello");
		assertThat(first.header("X-Request-Id")).matches("[0-9a-f-]{36}").isNotEqualTo(second.header("X-Request-Id"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "has space", "quote\"d", "semi;colon", "<script>alert(1)</script>" })
	void replacesAnInvalidRequestIdWithAGeneratedOne(String hostile) {
		RawHttpClient.Response response = get("/call?url=" + this.downstream.url("/hostile"), "X-Request-Id", hostile);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("X-Request-Id")).matches("[0-9a-f-]{36}");
		assertThat(this.downstream.takeRequest().header("X-Request-Id")).isEqualTo(response.header("X-Request-Id"));
	}

	@Test
	void replacesAnOversizedRequestId() {
		RawHttpClient.Response response = get("/hello", "X-Request-Id", "a".repeat(129));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("X-Request-Id")).matches("[0-9a-f-]{36}");
	}

	@Test
	void replacesAPercentEncodedLineBreakInBaggageRequestId() {
		RawHttpClient.Response response = get("/call?url=" + this.downstream.url("/crlf"), "baggage",
				"request_id=evil%0D%0ASet-Cookie%3A%20x");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("X-Request-Id")).matches("[0-9a-f-]{36}");
		assertThat(response.headers()).doesNotContainKey("set-cookie");
		RecordedRequest sent = this.downstream.takeRequest();
		assertThat(sent.header("X-Request-Id")).isEqualTo(response.header("X-Request-Id"));
		assertThat(sent.headers()).doesNotContainKey("set-cookie");
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "00-zzzz", "00-" + TRACE_ID + "-b7ad6b7169203331-01-extra",
			"00-00000000000000000000000000000000-b7ad6b7169203331-01", "\u00ff\u00fe" })
	void servesAMalformedTraceparentOnAFreshTrace(String traceparent) {
		RawHttpClient.Response response = get("/call?url=" + this.downstream.url("/fresh"), "traceparent", traceparent,
				"tracestate", "a=1");
		assertThat(response.status()).isEqualTo(200);
		String sent = this.downstream.takeRequest().header("traceparent");
		assertThat(sent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]").doesNotContain(TRACE_ID);
		assertThat(response.header("traceresponse")).contains(sent.substring(3, 35));
	}

	@ParameterizedTest
	@ValueSource(strings = { "@a=1", "BAD KEY=1", "k=\u00e9", "=", ",,,,", "k=v=w" })
	void servesAMalformedTracestateOnTheSameTraceWithoutIt(String tracestate) {
		RawHttpClient.Response response = get("/call?url=" + this.downstream.url("/state"), "traceparent", TRACEPARENT,
				"tracestate", tracestate);
		assertThat(response.status()).isEqualTo(200);
		RecordedRequest sent = this.downstream.takeRequest();
		assertThat(sent.header("traceparent")).startsWith("00-" + TRACE_ID);
		assertThat(sent.headers()).doesNotContainKey("tracestate");
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "=,=;;", "k=%ZZ", "k=\u00e9\u00ff", "request_id=a b", "k=%0D%0A" })
	void servesMalformedBaggage(String baggage) {
		RawHttpClient.Response response = get("/hello", "traceparent", TRACEPARENT, "baggage", baggage);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("traceresponse")).startsWith("00-" + TRACE_ID);
	}

	@Test
	void servesOversizedBaggageKeepingTheFirstMembers() {
		StringBuilder baggage = new StringBuilder("request_id=first-in-list");
		for (int i = 0; i < 200; i++) {
			baggage.append(",key").append(i).append('=').append("v".repeat(60));
		}
		RawHttpClient.Response response = get("/call?url=" + this.downstream.url("/big"), "baggage",
				baggage.toString());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("X-Request-Id")).isEqualTo("first-in-list");
		String sent = this.downstream.takeRequest().header("baggage");
		assertThat(sent.split(",")).hasSizeLessThanOrEqualTo(64);
		assertThat(sent.length()).isLessThanOrEqualTo(8192);
	}

	private RawHttpClient.Response get(String path, String... headers) {
		List<String[]> pairs = new java.util.ArrayList<>();
		for (int i = 0; i < headers.length; i += 2) {
			pairs.add(new String[] { headers[i], headers[i + 1] });
		}
		return RawHttpClient.get(this.port, path, pairs);
	}

}
