package io.github.correlation.edge;

import java.util.ArrayList;
import java.util.List;

import io.github.correlation.audit.CorrelationReport;
import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.RecordingHttpServer.RecordedRequest;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge policy on a real Tomcat that calls a real downstream server: what an untrusted
 * client sends is restarted, stripped and never logged as ours; a trusted one is served
 * as before.
 */
@ExtendWith(OutputCaptureExtension.class)
class EdgeIntegrationTests {

	private static final String CLIENT_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CLIENT_TRACEPARENT = "00-" + CLIENT_TRACE_ID + "-00f067aa0ba902b7-01";

	@AutoClose
	private static final RecordingHttpServer downstream = new RecordingHttpServer();

	// Tomcat honours X-Forwarded-For only from the proxies it is told about; loopback is
	// not one of them here, so the forged header below changes nothing.
	@AutoClose
	private static final ConfigurableApplicationContext restartWithLink = start(
			"correlation.edge.baggage.allowed=tenant_id", "server.forward-headers-strategy=native",
			"server.tomcat.remoteip.internal-proxies=192\\.0\\.2\\.1");

	@AutoClose
	private static final ConfigurableApplicationContext restart = start("correlation.edge.untrusted-trace=restart",
			"correlation.edge.request-id=regenerate");

	@AutoClose
	private static final ConfigurableApplicationContext continued = start("correlation.edge.untrusted-trace=continue",
			"management.tracing.sampling.probability=0");

	@AutoClose
	private static final ConfigurableApplicationContext trusted = start(
			"correlation.edge.trusted-networks=127.0.0.0/8,::1/128");

	@AutoClose
	private static final ConfigurableApplicationContext external = start(
			"correlation.edge.trusted-networks=127.0.0.0/8,::1/128", "correlation.edge.internal-hosts=localhost");

	@Test
	void aCallToAHostThatIsNotOursCarriesTheTraceContextOnly() {
		call(external, downstream.url("/edge"));
		RecordedRequest outside = downstream.takeRequest();
		assertThat(outside.header("traceparent")).startsWith("00-" + CLIENT_TRACE_ID + "-");
		assertThat(outside.header("tracestate")).isEqualTo("vendor=value");
		assertThat(outside.header("baggage")).isNull();
		assertThat(outside.header("user_id")).isNull();
		assertThat(outside.header("X-Request-Id")).isNull();
		call(external, downstream.url("/edge").replace("127.0.0.1", "localhost"));
		RecordedRequest inside = downstream.takeRequest();
		assertThat(inside.header("baggage")).contains("user_id=admin");
		assertThat(inside.header("user_id")).isEqualTo("admin");
		assertThat(inside.header("X-Request-Id")).isEqualTo("client-ticket-1");
	}

	@Test
	void aWebClientCallToAHostThatIsNotOursCarriesTheTraceContextOnly() {
		call(external, "/call-reactive", downstream.url("/edge"));
		RecordedRequest outside = downstream.takeRequest();
		assertThat(outside.header("traceparent")).startsWith("00-" + CLIENT_TRACE_ID + "-");
		assertThat(outside.header("baggage")).isNull();
		assertThat(outside.header("user_id")).isNull();
		assertThat(outside.header("X-Request-Id")).isNull();
		call(external, "/call-reactive", downstream.url("/edge").replace("127.0.0.1", "localhost"));
		RecordedRequest inside = downstream.takeRequest();
		assertThat(inside.header("baggage")).contains("user_id=admin");
		assertThat(inside.header("X-Request-Id")).isEqualTo("client-ticket-1");
	}

	@Test
	void anUntrustedClientGetsANewTraceLinkedToItsOwnAndOnlyAllowedBaggage(CapturedOutput output) {
		RawHttpClient.Response response = call(restartWithLink);
		RecordedRequest sent = downstream.takeRequest();
		String traceId = response.header("traceresponse").substring(3, 35);
		assertThat(traceId).isNotEqualTo(CLIENT_TRACE_ID);
		assertThat(sent.header("traceparent")).contains(traceId);
		assertThat(sent.header("tracestate")).isNull();
		assertThat(sent.header("baggage")).contains("tenant_id=acme").doesNotContain("user_id").doesNotContain("role");
		assertThat(sent.header("user_id")).isNull();
		assertThat(sent.header("X-Request-Id")).isEqualTo("client-ticket-1");
		SpanData server = SpanCapture.awaitSpan(restartWithLink.getBean(InMemorySpanExporter.class), traceId,
				SpanKind.SERVER);
		assertThat(server.getParentSpanContext().isValid()).isFalse();
		assertThat(server.getLinks()).singleElement()
			.satisfies((link) -> assertThat(link.getSpanContext().getTraceId()).isEqualTo(CLIENT_TRACE_ID));
		assertThat(server.getAttributes().asMap()).containsValue("restart-with-link");
		assertThat(output.toString()).doesNotContain("\"trace_id\":\"" + CLIENT_TRACE_ID);
		assertThat(JsonLogLines.withMessage(output, "calling " + downstream.url("/edge")))
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", traceId).doesNotContainKey("user_id"));
		MeterRegistry meters = restartWithLink.getBean(MeterRegistry.class);
		assertThat(meters.get("correlation.edge.decisions")
			.tags("decision", "restart-with-link", "boundary", "http.server")
			.counter()
			.count()).isPositive();
		assertThat(meters.get("correlation.edge.baggage.dropped").counter().count()).isPositive();
		assertThat(restartWithLink.getBean(CorrelationReport.class).report().sections().get("edge"))
			.containsKey("decisions.http.server.restart-with-link")
			.containsKey("baggage.dropped");
	}

	@Test
	void restartDropsTheLinkAndRegeneratesTheRequestId() {
		RawHttpClient.Response response = call(restart);
		RecordedRequest sent = downstream.takeRequest();
		String traceId = response.header("traceresponse").substring(3, 35);
		assertThat(traceId).isNotEqualTo(CLIENT_TRACE_ID);
		assertThat(sent.header("X-Request-Id")).isNotEqualTo("client-ticket-1").isNotBlank();
		assertThat(sent.header("baggage")).doesNotContain("tenant_id").doesNotContain("user_id");
		SpanData server = SpanCapture.awaitSpan(restart.getBean(InMemorySpanExporter.class), traceId, SpanKind.SERVER);
		assertThat(server.getLinks()).isEmpty();
	}

	@Test
	void continueKeepsTheClientsTraceButNotItsSamplingOrTraceState() {
		RawHttpClient.Response response = call(continued);
		RecordedRequest sent = downstream.takeRequest();
		assertThat(response.header("traceresponse")).startsWith("00-" + CLIENT_TRACE_ID + "-").endsWith("-00");
		assertThat(sent.header("traceparent")).startsWith("00-" + CLIENT_TRACE_ID + "-").endsWith("-00");
		assertThat(sent.header("tracestate")).isNull();
	}

	@Test
	void aTrustedClientIsServedAsWithoutTheEdge() {
		RawHttpClient.Response response = call(trusted);
		RecordedRequest sent = downstream.takeRequest();
		assertThat(response.header("traceresponse")).startsWith("00-" + CLIENT_TRACE_ID + "-").endsWith("-01");
		assertThat(sent.header("tracestate")).isEqualTo("vendor=value");
		assertThat(sent.header("baggage")).contains("user_id=admin").contains("tenant_id=acme");
		assertThat(sent.header("user_id")).isEqualTo("admin");
	}

	private static RawHttpClient.Response call(ConfigurableApplicationContext context) {
		return call(context, downstream.url("/edge"));
	}

	private static RawHttpClient.Response call(ConfigurableApplicationContext context, String target) {
		return call(context, "/call", target);
	}

	private static RawHttpClient.Response call(ConfigurableApplicationContext context, String path, String target) {
		downstream.drain();
		List<String[]> headers = new ArrayList<>();
		headers.add(new String[] { "traceparent", CLIENT_TRACEPARENT });
		headers.add(new String[] { "tracestate", "vendor=value" });
		headers.add(new String[] { "baggage", "user_id=admin,tenant_id=acme,role=root" });
		headers.add(new String[] { "user_id", "admin" });
		headers.add(new String[] { "X-Request-Id", "client-ticket-1" });
		headers.add(new String[] { "X-Forwarded-For", "10.1.2.3" });
		RawHttpClient.Response response = RawHttpClient.get(TestApplication.port(context), path + "?url=" + target,
				headers);
		assertThat(response.status()).isEqualTo(200);
		return response;
	}

	private static ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(List.of("correlation.edge.enabled=true",
				"correlation.edge.trusted-networks=10.0.0.0/8", "management.tracing.sampling.probability=1.0",
				"management.tracing.baggage.remote-fields=user_id,tenant_id",
				"management.tracing.baggage.correlation.fields=user_id,tenant_id",
				"logging.structured.format.console=logstash"));
		all.addAll(List.of(properties));
		return TestApplication.run(new Class<?>[] { CorrelationTestApplication.class, SpanCapture.class },
				all.toArray(String[]::new));
	}

}
