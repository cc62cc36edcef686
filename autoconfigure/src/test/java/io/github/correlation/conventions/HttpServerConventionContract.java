package io.github.correlation.conventions;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The server span and the server meter of one stack with
 * {@code correlation.conventions=opentelemetry}, held to the table "HTTP server span" of
 * the OpenTelemetry semantic conventions v1.41.0
 * (https://github.com/open-telemetry/semantic-conventions/blob/v1.41.0/docs/http/http-spans.md#http-server-span),
 * its span name rule (#name) and the attributes of the metric
 * {@code http.server.request.duration}
 * (https://github.com/open-telemetry/semantic-conventions/blob/v1.41.0/docs/http/http-metrics.md#metric-httpserverrequestduration).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
abstract class HttpServerConventionContract {

	// The table's keys, by requirement level
	static final Set<String> REQUIRED = Set.of("http.request.method", "url.path", "url.scheme");

	static final Set<String> CONDITIONALLY_REQUIRED = Set.of("error.type", "http.request.method_original",
			"http.response.status_code", "http.route", "network.protocol.name", "server.port", "url.query");

	static final Set<String> RECOMMENDED = Set.of("client.address", "network.peer.address", "network.peer.port",
			"network.protocol.version", "server.address", "user_agent.original");

	static final Set<String> OPT_IN = Set.of("client.port", "http.request.body.size", "http.request.size",
			"http.response.body.size", "http.response.size", "network.local.address", "network.local.port",
			"network.transport", "user_agent.synthetic.type");

	// The metric's attributes (required, conditionally required, recommended)
	static final Set<String> METRIC_TAGS = Set.of("http.request.method", "url.scheme", "error.type",
			"http.response.status_code", "http.route", "network.protocol.name", "network.protocol.version");

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private ConfigurableApplicationContext context;

	/**
	 * Start the application on this stack.
	 * @param properties its properties
	 * @return the running application
	 */
	abstract ConfigurableApplicationContext start(String... properties);

	@BeforeEach
	void startApplication() {
		// No static resources: a path nothing maps has no route
		this.context = start("correlation.conventions=opentelemetry", "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=50ms",
				"spring.web.resources.add-mappings=false");
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void aRoutedRequestIsNamedByItsRouteWithEveryRequiredAndRecommendedAttribute() {
		RawHttpClient.Response response = send("GET", "/conventions/items/42?q=shoes&sig=s3cr3t",
				new String[] { "User-Agent", "curl/8.5.0" });
		assertThat(response.status()).isEqualTo(200);
		SpanData span = serverSpan();
		assertThat(span.getName()).isEqualTo("GET /conventions/items/{id}");
		assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
		Map<String, Object> attributes = SpanCapture.attributes(span);
		assertThat(attributes).containsOnlyKeys(semanticConventionKeys(attributes))
			.contains(entry("http.request.method", "GET"), entry("url.path", "/conventions/items/42"),
					entry("url.scheme", "http"), entry("url.query", "q=shoes&sig=REDACTED"),
					entry("http.route", "/conventions/items/{id}"), entry("http.response.status_code", 200L),
					entry("server.address", "127.0.0.1"), entry("server.port", (long) port()),
					entry("client.address", "127.0.0.1"), entry("network.peer.address", "127.0.0.1"),
					entry("network.protocol.version", "1.1"), entry("user_agent.original", "curl/8.5.0"))
			.containsKey("network.peer.port")
			.doesNotContainKeys("error.type", "http.request.method_original");
		assertThat(attributes.get("network.peer.port")).isInstanceOf(Long.class);
		assertThat(attributes.keySet()).containsAll(REQUIRED);
		assertThat(span.getEvents()).isEmpty();
	}

	@Test
	void aFailedRequestHasTheExceptionAsErrorType() {
		RawHttpClient.Response response = send("GET", "/conventions/fail");
		assertThat(response.status()).isEqualTo(500);
		SpanData span = serverSpan();
		assertThat(span.getName()).isEqualTo("GET /conventions/fail");
		assertThat(SpanCapture.attributes(span)).contains(entry("error.type", IllegalStateException.class.getName()),
				entry("http.response.status_code", 500L), entry("http.route", "/conventions/fail"));
	}

	@Test
	void aRequestWithoutARouteIsNamedByItsMethodAlone() {
		RawHttpClient.Response response = send("GET", "/conventions/nothing-here");
		assertThat(response.status()).isEqualTo(404);
		SpanData span = serverSpan();
		assertThat(span.getName()).isEqualTo("GET");
		assertThat(SpanCapture.attributes(span)).contains(entry("http.response.status_code", 404L))
			.doesNotContainKeys("http.route", "error.type");
	}

	@Test
	void anUnknownMethodIsOtherWithTheOriginalBeside() {
		send("FOO", "/conventions/items/1");
		SpanData span = serverSpan();
		assertThat(span.getName()).startsWith("HTTP");
		assertThat(SpanCapture.attributes(span)).contains(entry("http.request.method", "_OTHER"),
				entry("http.request.method_original", "FOO"));
	}

	@Test
	void theServerMeterIsTheConventionsMetricWithItsAttributesAsTags() {
		send("GET", "/conventions/items/7");
		serverSpan();
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		Timer timer = registry.get("http.server.request.duration").tag("http.route", "/conventions/items/{id}").timer();
		assertThat(timer.count()).isEqualTo(1);
		Set<String> tags = timer.getId().getTags().stream().map((tag) -> tag.getKey()).collect(Collectors.toSet());
		assertThat(tags).containsExactlyInAnyOrder("http.request.method", "url.scheme", "http.response.status_code",
				"http.route", "network.protocol.version");
		assertThat(METRIC_TAGS).containsAll(tags);
		assertThat(registry.find("http.server.requests").meters()).isEmpty();
	}

	@Test
	void theDefaultIsBootsVocabulary() {
		try (ConfigurableApplicationContext micrometer = start("management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=50ms")) {
			RawHttpClient.send(TestApplication.port(micrometer), "GET", "/conventions/items/42",
					List.<String[]>of(new String[] { "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01" }), null);
			SpanData span = SpanCapture.awaitSpan(micrometer.getBean(InMemorySpanExporter.class), TRACE_ID,
					SpanKind.SERVER);
			assertThat(span.getName()).isEqualTo("http get /conventions/items/{id}");
			assertThat(SpanCapture.attributes(span)).containsOnlyKeys("exception", "method", "outcome", "status", "uri",
					"http.url");
			assertThat(micrometer.getBean(MeterRegistry.class).get("http.server.requests").timer().count())
				.isEqualTo(1);
		}
	}

	private Set<String> semanticConventionKeys(Map<String, Object> attributes) {
		return attributes.keySet()
			.stream()
			.filter((key) -> REQUIRED.contains(key) || CONDITIONALLY_REQUIRED.contains(key) || RECOMMENDED.contains(key)
					|| OPT_IN.contains(key))
			.collect(Collectors.toSet());
	}

	private RawHttpClient.Response send(String method, String path, String[]... headers) {
		List<String[]> all = new java.util.ArrayList<>(List.of(headers));
		all.add(new String[] { "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01" });
		return RawHttpClient.send(port(), method, path, all, null);
	}

	private SpanData serverSpan() {
		return SpanCapture.awaitSpan(this.context.getBean(InMemorySpanExporter.class), TRACE_ID, SpanKind.SERVER);
	}

	private int port() {
		return TestApplication.port(this.context);
	}

	static Class<?>[] sources() {
		return new Class<?>[] { ConventionsTestApplication.class, SpanCapture.class };
	}

}
