package io.github.correlation.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.AsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work handed to another thread runs in the submitting request's context, whichever
 * executor runs it, and leaves nothing behind on the worker thread.
 */
@ExtendWith(OutputCaptureExtension.class)
class AsyncCorrelationIntegrationTests {

	@AutoClose
	private static final RecordingHttpServer downstream = new RecordingHttpServer();

	@AutoClose
	private static final ConfigurableApplicationContext context = TestApplication.run(
			new Class<?>[] { AsyncTestApplication.class, SpanCapture.class }, "spring.task.execution.mode=force",
			"logging.structured.format.console=logstash", "management.tracing.sampling.probability=1.0",
			"management.opentelemetry.tracing.export.schedule-delay=50ms",
			"management.tracing.baggage.remote-fields=tenant_id", "test.downstream=" + downstream.url(""));

	private static final int port = TestApplication.port(context);

	@ParameterizedTest
	@ValueSource(strings = { "async", "applicationTaskExecutor", "ownPool", "ownSimple", "ownScheduler", "jdkPool",
			"jdkScheduled", "plainExecutor", "inlineWrapped", "commonPool" })
	void taskRunsInTheSubmittingRequestsContext(String kind, CapturedOutput output) {
		String tag = kind + "-" + System.nanoTime();
		String traceId = get("/run?kind=" + kind + "&tag=" + tag, "rid-" + tag);
		InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
		SpanData server = SpanCapture.awaitSpan(spans, traceId, SpanKind.SERVER);
		Map<String, Object> taskLine = JsonLogLines.single(output, "task " + kind + " " + tag);
		assertThat(taskLine).containsEntry("trace_id", traceId)
			.containsEntry("span_id", server.getSpanId())
			.containsEntry("request_id", "rid-" + tag);
		assertThat(taskLine.get("thread_name")).asString().doesNotStartWith("http-nio");
		SpanData work = awaitSpanNamed(spans, traceId, "work " + kind);
		assertThat(work.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(JsonLogLines.single(output, "work " + kind + " " + tag)).containsEntry("trace_id", traceId)
			.containsEntry("span_id", work.getSpanId());
	}

	@Test
	void completableFutureChainsStayInTheRequestsContext(CapturedOutput output) {
		String tag = "chain-" + System.nanoTime();
		String traceId = get("/run?kind=completable&tag=" + tag, "rid-" + tag);
		assertThat(JsonLogLines.single(output, "task completable-first " + tag)).containsEntry("trace_id", traceId)
			.containsEntry("request_id", "rid-" + tag);
		assertThat(JsonLogLines.single(output, "task completable-second " + tag)).containsEntry("trace_id", traceId)
			.containsEntry("request_id", "rid-" + tag);
	}

	@Test
	void handMadeSpansAndBaggageCrossThreads(CapturedOutput output) {
		String tag = "manual-" + System.nanoTime();
		String traceId = get("/manual?tag=" + tag, "rid-" + tag);
		Map<String, Object> submitted = JsonLogLines.single(output, "manual span " + tag);
		Map<String, Object> task = JsonLogLines.single(output, "task manual " + tag);
		assertThat(task).containsEntry("trace_id", traceId)
			.containsEntry("span_id", submitted.get("span_id"))
			.containsEntry("tenant_id", "acme")
			.containsEntry("request_id", "rid-" + tag);
		SpanData manual = awaitSpanNamed(context.getBean(InMemorySpanExporter.class), traceId, "manual");
		assertThat(manual.getSpanId()).isEqualTo(submitted.get("span_id"));
		SpanData work = awaitSpanNamed(context.getBean(InMemorySpanExporter.class), traceId, "work manual");
		assertThat(work.getParentSpanId()).isEqualTo(manual.getSpanId());
	}

	@Test
	void executorsTheStarterCannotSeeRunWithoutContextUnlessWrapped(CapturedOutput output) {
		String tag = "unwrapped-" + System.nanoTime();
		get("/run?kind=inlineUnwrapped&tag=" + tag, "rid-" + tag);
		assertThat(JsonLogLines.single(output, "task inlineUnwrapped " + tag)).doesNotContainKeys("trace_id", "span_id",
				"request_id");
		assertThat(context.getBean(ExecutorContextPostProcessor.class).getUnreachable())
			.containsOnlyKeys("concretePool");
		assertThat(output).contains("concretePool");
	}

	@Test
	void scheduledRunsAreEachTheirOwnRootTrace(CapturedOutput output) {
		List<Map<String, Object>> ticks = Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> JsonLogLines.withMessage(output, "tick"), (lines) -> lines.size() >= 3);
		Set<Object> traceIds = ticks.stream().map((line) -> line.get("trace_id")).collect(Collectors.toSet());
		assertThat(traceIds).doesNotContainNull().hasSize(ticks.size());
		assertThat(ticks).allSatisfy((line) -> assertThat(line).doesNotContainKey("request_id"));
	}

	// Boot's limited mode: handle() and tap() after contextCapture() restore the context
	@Test
	void reactorOperatorsThatRestoreContextCarryTheRequestsIds(CapturedOutput output) {
		String tag = "reactive-" + System.nanoTime();
		String traceId = get("/reactive-limited?tag=" + tag, "rid-" + tag);
		assertThat(downstream.takeRequest().header("traceparent")).startsWith("00-" + traceId);
		assertThat(JsonLogLines.single(output, "reactive body " + tag)).containsEntry("trace_id", traceId);
		Map<String, Object> hop = JsonLogLines.single(output, "reactive hop " + tag);
		assertThat(hop).containsEntry("trace_id", traceId).containsEntry("request_id", "rid-" + tag);
		assertThat(hop.get("thread_name")).asString().startsWith("boundedElastic");
	}

	@Test
	void workerThreadsAreLeftAsTheyWere(CapturedOutput output) throws Exception {
		String tag = "before-" + System.nanoTime();
		get("/fanout?tag=" + tag, "rid-" + tag);
		AsyncTaskExecutor pool = context.getBean("ownPool", AsyncTaskExecutor.class);
		for (int i = 0; i < 4; i++) {
			int index = i;
			pool.submit(() -> {
				org.slf4j.LoggerFactory.getLogger(AsyncCorrelationIntegrationTests.class).info("idle {}", index);
				return org.slf4j.MDC.getCopyOfContextMap();
			}).get();
		}
		assertThat(JsonLogLines.withMessage(output, "fan " + tag)).hasSize(3)
			.allSatisfy((line) -> assertThat(line).containsKey("trace_id"));
		assertThat(JsonLogLines.withMessage(output, "idle ")).hasSize(4)
			.allSatisfy((line) -> assertThat(line).doesNotContainKeys("trace_id", "span_id", "trace_flags",
					"request_id", "tenant_id"));
	}

	static SpanData awaitSpanNamed(InMemorySpanExporter spans, String traceId, String name) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> SpanCapture.spans(spans, traceId)
				.stream()
				.filter((span) -> span.getName().equals(name))
				.findFirst()
				.orElse(null), (span) -> span != null);
	}

	static String get(String path, String requestId) {
		String traceId = IdGenerator.random().generateTraceId();
		RawHttpClient.Response response = RawHttpClient.get(port, path,
				List.of(new String[] { "traceparent", "00-" + traceId + "-b7ad6b7169203331-01" },
						new String[] { "X-Request-Id", requestId }));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return traceId;
	}

}
