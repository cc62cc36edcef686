package io.github.correlation.web.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Every kind of client, built from Boot's builders or by hand, with
 * {@code correlation.conventions=opentelemetry}: its span and its meter held to the table
 * "HTTP client span" of the OpenTelemetry semantic conventions v1.41.0
 * (https://github.com/open-telemetry/semantic-conventions/blob/v1.41.0/docs/http/http-spans.md#http-client-span),
 * the span name rule (#name) and the attributes of the metric
 * {@code http.client.request.duration}
 * (https://github.com/open-telemetry/semantic-conventions/blob/v1.41.0/docs/http/http-metrics.md#metric-httpclientrequestduration).
 */
class ClientConventionIntegrationTests {

	// The table's keys, by requirement level
	private static final Set<String> REQUIRED = Set.of("http.request.method", "server.address", "server.port",
			"url.full");

	private static final Set<String> CONDITIONALLY_REQUIRED = Set.of("error.type", "http.request.method_original",
			"http.response.status_code", "network.protocol.name");

	private static final Set<String> RECOMMENDED = Set.of("http.request.resend_count", "network.peer.address",
			"network.peer.port", "network.protocol.version");

	private static final Set<String> OPT_IN = Set.of("http.request.body.size", "http.request.size",
			"http.response.body.size", "http.response.size", "network.transport", "url.scheme", "url.template",
			"user_agent.original", "user_agent.synthetic.type");

	// The metric's attributes
	private static final Set<String> METRIC_TAGS = Set.of("http.request.method", "server.address", "server.port",
			"error.type", "http.response.status_code", "network.protocol.name", "network.protocol.version",
			"url.scheme", "url.template");

	@AutoClose
	private static final RecordingHttpServer downstream = new RecordingHttpServer();

	private static ConfigurableApplicationContext context;

	// Started when the class runs, not when it is loaded: two applications that use
	// WebClient at once share Reactor Netty's global resources, which the first to close
	// releases
	@BeforeAll
	static void start() {
		context = startApplication("correlation.conventions=opentelemetry");
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "builtRestClient", "createdRestClient", "builtRestTemplate", "newRestTemplate",
			"builtWebClient", "createdWebClient", "builtExchange", "createdExchange" })
	void aClientSpanIsNamedByItsMethodWithEveryRequiredAttribute(String client) {
		String traceId = call(client, "/items/42?sig=s3cr3t&q=1");
		SpanData span = clientSpan(traceId);
		assertThat(span.getName()).isEqualTo("GET");
		Map<String, Object> attributes = SpanCapture.attributes(span);
		assertThat(attributes).containsOnlyKeys(tableKeys(attributes))
			.containsOnly(entry("http.request.method", "GET"), entry("server.address", "127.0.0.1"),
					entry("server.port", (long) port()),
					entry("url.full", downstream.url("/items/42?sig=REDACTED&q=1")),
					entry("http.response.status_code", 200L));
		Timer timer = meter("200");
		assertThat(timer.getId().getTags()).extracting(Tag::getKey)
			.containsExactlyInAnyOrder("http.request.method", "server.address", "server.port",
					"http.response.status_code");
		assertThat(METRIC_TAGS).containsAll(timer.getId().getTags().stream().map(Tag::getKey).toList());
	}

	// A client whose status handler throws ends its observation with that exception; one
	// that does not, with the status code: both are classes of error
	@ParameterizedTest
	@ValueSource(strings = { "builtRestClient", "newRestTemplate", "builtWebClient", "createdExchange" })
	void anErrorStatusHasAnErrorType(String client) throws ClassNotFoundException {
		String traceId = call(client, "/status/503");
		Map<String, Object> attributes = SpanCapture.attributes(clientSpan(traceId));
		assertThat(attributes).containsEntry("http.response.status_code", 503L);
		String errorType = String.valueOf(attributes.get("error.type"));
		if (!errorType.equals("503")) {
			assertThat(Throwable.class.isAssignableFrom(Class.forName(errorType))).as(errorType).isTrue();
		}
		assertThat(context.getBean(MeterRegistry.class)
			.get("http.client.request.duration")
			.tags("http.response.status_code", "503", "error.type", errorType)
			.timer()
			.count()).isPositive();
	}

	private String call(String client, String path) {
		return call(context, downstream, client, path);
	}

	static ConfigurableApplicationContext startApplication(String... properties) {
		List<String> all = new java.util.ArrayList<>(List.of(properties));
		all.addAll(List.of("management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=50ms", "logging.level.root=warn"));
		return TestApplication.run(new Class<?>[] { ClientTestApplication.class, SpanCapture.class },
				all.toArray(String[]::new));
	}

	static String call(ConfigurableApplicationContext context, RecordingHttpServer downstream, String client,
			String path) {
		String traceId = IdGenerator.random().generateTraceId();
		String url = URLEncoder.encode(downstream.url(path), StandardCharsets.UTF_8);
		RawHttpClient.get(TestApplication.port(context), "/client/" + client + "?url=" + url,
				List.<String[]>of(new String[] { "traceparent", "00-" + traceId + "-b7ad6b7169203331-01" }));
		downstream.takeRequest();
		return traceId;
	}

	private static SpanData clientSpan(String traceId) {
		return SpanCapture.awaitSpan(context.getBean(InMemorySpanExporter.class), traceId, SpanKind.CLIENT);
	}

	private static Timer meter(String status) {
		return context.getBean(MeterRegistry.class)
			.get("http.client.request.duration")
			.tag("http.response.status_code", status)
			.timer();
	}

	private static int port() {
		return Integer.parseInt(downstream.url("").replaceAll(".*:", ""));
	}

	private static Set<String> tableKeys(Map<String, Object> attributes) {
		return attributes.keySet()
			.stream()
			.filter((key) -> REQUIRED.contains(key) || CONDITIONALLY_REQUIRED.contains(key) || RECOMMENDED.contains(key)
					|| OPT_IN.contains(key))
			.collect(Collectors.toSet());
	}

}
