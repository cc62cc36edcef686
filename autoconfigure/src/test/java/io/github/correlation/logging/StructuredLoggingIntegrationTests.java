package io.github.correlation.logging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real console output of Boot's structured formats, parsed as JSON: lines written inside
 * a span carry the ids at the top level, lines written outside carry none.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingIntegrationTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@AfterEach
	void clearLoggingSystemProperties() {
		TestApplication.clearLoggingSystemProperties();
	}

	// Boot's ECS layout nests these; anything else at the top level is not an ECS field
	private static final Set<String> ECS_ROOTS = Set.of("@timestamp", "message", "log", "process", "service", "ecs",
			"error", "event", "host", "tags");

	@Test
	void logstashWritesTheOpenTelemetryKeysAtTheTopLevel(CapturedOutput output) {
		Map<String, Object> line = requestLine(output, "logstash", List.of(), Map.of());
		assertThat(line).containsEntry("trace_id", TRACE_ID)
			.containsEntry("trace_flags", "01")
			.containsEntry("request_id", "req-1")
			.containsKey("span_id")
			.doesNotContainKeys("traceId", "spanId");
		assertThat((String) line.get("span_id")).matches("[0-9a-f]{16}");
		assertThat(outsideLine(output)).doesNotContainKeys("trace_id", "span_id", "trace_flags", "request_id");
	}

	@Test
	void ecsWritesTheEcsFieldsAtTheTopLevel(CapturedOutput output) {
		Map<String, Object> line = requestLine(output, "ecs",
				List.of("management.tracing.baggage.remote-fields=tenant_id"), Map.of("baggage", "tenant_id=acme"));
		assertThat(line).containsEntry("trace.id", TRACE_ID)
			.containsEntry("http.request.id", "req-1")
			.containsEntry("labels.trace_flags", "01")
			.containsEntry("labels.tenant_id", "acme")
			.containsKey("span.id")
			.containsKey("ecs")
			.doesNotContainKeys("trace_id", "span_id", "trace_flags", "request_id", "tenant_id", "traceId");
		assertThat(line.keySet()).as("ECS fields only")
			.allMatch((key) -> ECS_ROOTS.contains(key) || key.startsWith("labels.") || key.startsWith("trace.")
					|| key.startsWith("span.") || key.startsWith("http."));
		assertThat(outsideLine(output)).doesNotContainKeys("trace.id", "span.id", "labels.trace_flags", "trace_flags",
				"http.request.id");
	}

	@Test
	void gelfWritesTheKeysAsAdditionalFields(CapturedOutput output) {
		Map<String, Object> line = requestLine(output, "gelf", List.of(), Map.of());
		assertThat(line).containsEntry("_trace_id", TRACE_ID)
			.containsEntry("_request_id", "req-1")
			.containsKey("_span_id")
			.doesNotContainKeys("_traceId");
		assertThat(outsideLine(output)).doesNotContainKeys("_trace_id", "_span_id");
	}

	@Test
	void logsIdsOfTracesThatAreNotSampled(CapturedOutput output) {
		Map<String, Object> line = requestLine(output, "logstash",
				List.of("management.tracing.sampling.probability=0.0"),
				Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-00"));
		assertThat(line).containsEntry("trace_id", TRACE_ID).containsEntry("trace_flags", "00").containsKey("span_id");
	}

	@Test
	void usesTheConfiguredKeys(CapturedOutput output) {
		Map<String, Object> line = requestLine(output, "logstash", List.of("correlation.logging.mdc.trace-id=traceId",
				"correlation.logging.mdc.span-id=spanId", "correlation.request-id.field=rid"), Map.of());
		assertThat(line).containsEntry("traceId", TRACE_ID)
			.containsEntry("rid", "req-1")
			.containsKey("spanId")
			.doesNotContainKeys("trace_id", "request_id");
	}

	@Test
	void writesConfiguredBaggageFieldsWithoutFurtherConfiguration(CapturedOutput output) {
		Map<String, Object> line = requestLine(output, "logstash",
				List.of("management.tracing.baggage.remote-fields=tenant_id"),
				Map.of("baggage", "tenant_id=acme,other=ignored"));
		assertThat(line).containsEntry("tenant_id", "acme").doesNotContainKey("other");
	}

	@Test
	void textPatternFollowsTheConfiguredKeys(CapturedOutput output) {
		runRequest(List.of("correlation.logging.mdc.trace-id=tid", "correlation.logging.mdc.span-id=sid"),
				headers(Map.of()));
		String helloLine = output.toString().lines().filter((l) -> l.endsWith(": hello")).findFirst().orElseThrow();
		assertThat(helloLine).containsPattern("\\[" + TRACE_ID + "-[0-9a-f]{16}\\]");
	}

	private Map<String, Object> requestLine(CapturedOutput output, String format, List<String> properties,
			Map<String, String> headers) {
		List<String> all = new ArrayList<>(properties);
		all.add("logging.structured.format.console=" + format);
		runRequest(all, headers(headers));
		return JsonLogLines.single(output, "hello");
	}

	private static List<String[]> headers(Map<String, String> overrides) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
		headers.put("X-Request-Id", "req-1");
		headers.putAll(overrides);
		return headers.entrySet().stream().map((e) -> new String[] { e.getKey(), e.getValue() }).toList();
	}

	private static void runRequest(List<String> properties, List<String[]> headers) {
		try (ConfigurableApplicationContext context = TestApplication
			.run(new Class<?>[] { CorrelationTestApplication.class }, properties.toArray(String[]::new))) {
			int port = TestApplication.port(context);
			assertThat(RawHttpClient.get(port, "/hello", headers).status()).isEqualTo(200);
			LoggerFactory.getLogger(StructuredLoggingIntegrationTests.class).info("outside any span");
		}
	}

	private static Map<String, Object> outsideLine(CapturedOutput output) {
		return JsonLogLines.single(output, "outside any span");
	}

}
