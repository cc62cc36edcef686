package io.github.correlation.edge;

import java.util.ArrayList;
import java.util.List;

import io.github.correlation.audit.CorrelationReport;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge policy on a real server that calls a real downstream server, servlet or
 * WebFlux: what an untrusted client sends is restarted, stripped and never logged as
 * ours; a trusted one is served as before.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EdgeContract {

	private static final String CLIENT_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CLIENT_TRACEPARENT = "00-" + CLIENT_TRACE_ID + "-00f067aa0ba902b7-01";

	private final RecordingHttpServer downstream = new RecordingHttpServer();

	private final ConfigurableApplicationContext restartWithLink = start(
			concat(forwardedHeaders(), "correlation.edge.baggage.allowed=tenant_id"));

	private final ConfigurableApplicationContext restart = start("correlation.edge.untrusted-trace=restart",
			"correlation.edge.request-id=regenerate");

	private final ConfigurableApplicationContext continued = start("correlation.edge.untrusted-trace=continue",
			"management.tracing.sampling.probability=0");

	private final ConfigurableApplicationContext trusted = start(
			"correlation.edge.trusted-networks=127.0.0.0/8,::1/128");

	private final ConfigurableApplicationContext external = start(
			"correlation.edge.trusted-networks=127.0.0.0/8,::1/128", "correlation.edge.internal-hosts=localhost");

	/**
	 * Start the application, with an {@code InMemorySpanExporter} bean and the endpoints
	 * {@code /call?url=} (an observed blocking or reactive client) and
	 * {@code /call-reactive?url=} (a {@code WebClient}).
	 * @param properties the properties of the edge under test
	 * @return the application
	 */
	protected abstract ConfigurableApplicationContext startApplication(String... properties);

	/**
	 * Properties that make the server resolve a forwarded-for header the way a careful
	 * deployment does: only from the proxies it is told about, so that the forged
	 * {@code X-Forwarded-For} each request carries changes nothing.
	 * @return the properties
	 */
	protected abstract String[] forwardedHeaders();

	@AfterAll
	void stop() {
		for (ConfigurableApplicationContext context : List.of(this.restartWithLink, this.restart, this.continued,
				this.trusted, this.external)) {
			context.close();
		}
		this.downstream.close();
	}

	@Test
	void aCallToAHostThatIsNotOursCarriesTheTraceContextOnly() {
		call(this.external, this.downstream.url("/edge"));
		RecordedRequest outside = this.downstream.takeRequest();
		assertThat(outside.header("traceparent")).startsWith("00-" + CLIENT_TRACE_ID + "-");
		assertThat(outside.header("tracestate")).isEqualTo("vendor=value");
		assertThat(outside.header("baggage")).isNull();
		assertThat(outside.header("user_id")).isNull();
		assertThat(outside.header("X-Request-Id")).isNull();
		call(this.external, this.downstream.url("/edge").replace("127.0.0.1", "localhost"));
		RecordedRequest inside = this.downstream.takeRequest();
		assertThat(inside.header("baggage")).contains("user_id=admin");
		assertThat(inside.header("user_id")).isEqualTo("admin");
		assertThat(inside.header("X-Request-Id")).isEqualTo("client-ticket-1");
	}

	@Test
	void aWebClientCallToAHostThatIsNotOursCarriesTheTraceContextOnly() {
		call(this.external, "/call-reactive", this.downstream.url("/edge"));
		RecordedRequest outside = this.downstream.takeRequest();
		assertThat(outside.header("traceparent")).startsWith("00-" + CLIENT_TRACE_ID + "-");
		assertThat(outside.header("baggage")).isNull();
		assertThat(outside.header("user_id")).isNull();
		assertThat(outside.header("X-Request-Id")).isNull();
		call(this.external, "/call-reactive", this.downstream.url("/edge").replace("127.0.0.1", "localhost"));
		RecordedRequest inside = this.downstream.takeRequest();
		assertThat(inside.header("baggage")).contains("user_id=admin");
		assertThat(inside.header("X-Request-Id")).isEqualTo("client-ticket-1");
	}

	@Test
	void anUntrustedClientGetsANewTraceLinkedToItsOwnAndOnlyAllowedBaggage(CapturedOutput output) {
		RawHttpClient.Response response = call(this.restartWithLink);
		RecordedRequest sent = this.downstream.takeRequest();
		String traceId = response.header("traceresponse").substring(3, 35);
		assertThat(traceId).isNotEqualTo(CLIENT_TRACE_ID);
		assertThat(sent.header("traceparent")).contains(traceId);
		assertThat(sent.header("tracestate")).isNull();
		assertThat(sent.header("baggage")).contains("tenant_id=acme").doesNotContain("user_id").doesNotContain("role");
		assertThat(sent.header("user_id")).isNull();
		assertThat(sent.header("X-Request-Id")).isEqualTo("client-ticket-1");
		SpanData server = SpanCapture.awaitSpan(this.restartWithLink.getBean(InMemorySpanExporter.class), traceId,
				SpanKind.SERVER);
		assertThat(server.getParentSpanContext().isValid()).isFalse();
		assertThat(server.getLinks()).singleElement()
			.satisfies((link) -> assertThat(link.getSpanContext().getTraceId()).isEqualTo(CLIENT_TRACE_ID));
		assertThat(server.getAttributes().asMap()).containsValue("restart-with-link");
		assertThat(output.toString()).doesNotContain("\"trace_id\":\"" + CLIENT_TRACE_ID);
		assertThat(JsonLogLines.withMessage(output, "calling " + this.downstream.url("/edge")))
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", traceId).doesNotContainKey("user_id"));
		MeterRegistry meters = this.restartWithLink.getBean(MeterRegistry.class);
		assertThat(meters.get("correlation.edge.decisions")
			.tags("decision", "restart-with-link", "boundary", "http.server")
			.counter()
			.count()).isPositive();
		assertThat(meters.get("correlation.edge.baggage.dropped").counter().count()).isPositive();
		assertThat(this.restartWithLink.getBean(CorrelationReport.class).report().sections().get("edge"))
			.containsKey("decisions.http.server.restart-with-link")
			.containsKey("baggage.dropped");
	}

	@Test
	void restartDropsTheLinkAndRegeneratesTheRequestId() {
		RawHttpClient.Response response = call(this.restart);
		RecordedRequest sent = this.downstream.takeRequest();
		String traceId = response.header("traceresponse").substring(3, 35);
		assertThat(traceId).isNotEqualTo(CLIENT_TRACE_ID);
		assertThat(sent.header("X-Request-Id")).isNotEqualTo("client-ticket-1").isNotBlank();
		assertThat(sent.header("baggage")).doesNotContain("tenant_id").doesNotContain("user_id");
		SpanData server = SpanCapture.awaitSpan(this.restart.getBean(InMemorySpanExporter.class), traceId,
				SpanKind.SERVER);
		assertThat(server.getLinks()).isEmpty();
	}

	@Test
	void continueKeepsTheClientsTraceButNotItsSamplingOrTraceState() {
		RawHttpClient.Response response = call(this.continued);
		RecordedRequest sent = this.downstream.takeRequest();
		assertThat(response.header("traceresponse")).startsWith("00-" + CLIENT_TRACE_ID + "-").endsWith("-00");
		assertThat(sent.header("traceparent")).startsWith("00-" + CLIENT_TRACE_ID + "-").endsWith("-00");
		assertThat(sent.header("tracestate")).isNull();
	}

	@Test
	void aTrustedClientIsServedAsWithoutTheEdge() {
		RawHttpClient.Response response = call(this.trusted);
		RecordedRequest sent = this.downstream.takeRequest();
		assertThat(response.header("traceresponse")).startsWith("00-" + CLIENT_TRACE_ID + "-").endsWith("-01");
		assertThat(sent.header("tracestate")).isEqualTo("vendor=value");
		assertThat(sent.header("baggage")).contains("user_id=admin").contains("tenant_id=acme");
		assertThat(sent.header("user_id")).isEqualTo("admin");
	}

	private RawHttpClient.Response call(ConfigurableApplicationContext context) {
		return call(context, this.downstream.url("/edge"));
	}

	private RawHttpClient.Response call(ConfigurableApplicationContext context, String target) {
		return call(context, "/call", target);
	}

	private RawHttpClient.Response call(ConfigurableApplicationContext context, String path, String target) {
		this.downstream.drain();
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

	private static String[] concat(String[] first, String... more) {
		List<String> all = new ArrayList<>(List.of(first));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	private ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(List.of("correlation.edge.enabled=true",
				"correlation.edge.trusted-networks=10.0.0.0/8", "management.tracing.sampling.probability=1.0",
				"management.tracing.baggage.remote-fields=user_id,tenant_id",
				"management.tracing.baggage.correlation.fields=user_id,tenant_id",
				"logging.structured.format.console=logstash"));
		all.addAll(List.of(properties));
		return startApplication(all.toArray(String[]::new));
	}

}
