package io.github.correlation.web.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.RecordingHttpServer.RecordedRequest;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of client, built from Boot's builders or by hand, sends the trace context,
 * baggage and request id to a real downstream server, once, from a client span that is a
 * child of the server span.
 */
class ClientPropagationIntegrationTests {

	@AutoClose
	private static final RecordingHttpServer downstream = new RecordingHttpServer();

	@AutoClose
	private static final ConfigurableApplicationContext context = start(true);

	@ParameterizedTest
	@ValueSource(strings = { "builtRestClient", "createdRestClient", "builtRestTemplate", "newRestTemplate",
			"builtWebClient", "createdWebClient", "builtExchange", "createdExchange" })
	void propagatesTheRequestsContext(String client) {
		String traceId = IdGenerator.random().generateTraceId();
		RawHttpClient.Response response = call(context, client, traceId);
		assertThat(response.status()).isEqualTo(200);
		RecordedRequest sent = downstream.takeRequest();
		assertThat(sent.all("traceparent")).singleElement().asString().startsWith("00-" + traceId + "-");
		assertThat(sent.all("tracestate")).containsExactly("vendor=abc");
		assertThat(sent.all("X-Request-Id")).containsExactly("rid-" + client);
		assertThat(sent.all("baggage")).singleElement()
			.asString()
			.contains("tenant_id=acme")
			.contains("request_id=rid-" + client);
		InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
		SpanData server = SpanCapture.awaitSpan(spans, traceId, SpanKind.SERVER);
		SpanData clientSpan = SpanCapture.awaitSpan(spans, traceId, SpanKind.CLIENT);
		assertThat(clientSpan.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(sent.header("traceparent")).contains("-" + clientSpan.getSpanId() + "-");
		assertThat(SpanCapture.spans(spans, traceId)).filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
			.hasSize(1);
	}

	@Test
	void reportsTheClientsItInstrumented() {
		assertThat(
				context.getBean("restClientInstrumentingBeanPostProcessor", ClientInstrumentingBeanPostProcessor.class)
					.getInstrumented())
			.containsOnlyKeys("createdRestClient", "newRestTemplate");
		assertThat(
				context.getBean("webClientInstrumentingBeanPostProcessor", ClientInstrumentingBeanPostProcessor.class)
					.getInstrumented())
			.containsOnlyKeys("createdWebClient");
	}

	@Test
	void withoutTheClientBoundaryHandBuiltClientsSendNothing() {
		try (ConfigurableApplicationContext bootAlone = start(false)) {
			String traceId = IdGenerator.random().generateTraceId();
			assertThat(call(bootAlone, "createdRestClient", traceId).status()).isEqualTo(200);
			RecordedRequest sent = downstream.takeRequest();
			assertThat(sent.headers()).doesNotContainKeys("traceparent", "baggage", "x-request-id");
			assertThat(call(bootAlone, "builtRestClient", traceId).status()).isEqualTo(200);
			assertThat(downstream.takeRequest().header("traceparent")).startsWith("00-" + traceId);
		}
	}

	private static ConfigurableApplicationContext start(boolean clients) {
		return TestApplication.run(new Class<?>[] { ClientTestApplication.class, SpanCapture.class },
				"management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=50ms", "logging.level.root=warn",
				"correlation.client.enabled=" + clients);
	}

	private static RawHttpClient.Response call(ConfigurableApplicationContext context, String client, String traceId) {
		int port = TestApplication.port(context);
		String url = URLEncoder.encode(downstream.url("/" + client), StandardCharsets.UTF_8);
		return RawHttpClient.get(port, "/client/" + client + "?url=" + url,
				List.of(new String[] { "traceparent", "00-" + traceId + "-b7ad6b7169203331-01" },
						new String[] { "tracestate", "vendor=abc" }, new String[] { "baggage", "tenant_id=acme" },
						new String[] { "X-Request-Id", "rid-" + client }));
	}

}
