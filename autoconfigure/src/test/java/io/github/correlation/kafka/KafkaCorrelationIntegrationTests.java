package io.github.correlation.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.correlation.test.EmbeddedKafka;
import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.RecordingHttpServer.RecordedRequest;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that produces a record and the work that consumes it are one trace, on a real
 * broker, for record listeners, batch listeners and the dead-letter path.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaCorrelationIntegrationTests {

	@AutoClose
	private static final RecordingHttpServer downstream = new RecordingHttpServer();

	@AutoClose
	private static final ConfigurableApplicationContext context = TestApplication.run(
			new Class<?>[] { KafkaTestApplication.class, SpanCapture.class },
			"spring.kafka.bootstrap-servers=" + EmbeddedKafka.bootstrapServers(),
			"spring.kafka.consumer.auto-offset-reset=earliest", "test.downstream=" + downstream.url(""),
			"logging.structured.format.console=logstash", "management.tracing.sampling.probability=1.0",
			"management.opentelemetry.tracing.export.schedule-delay=50ms");

	private static final int port = TestApplication.port(context);

	@Test
	void recordListenerJoinsTheProducingRequestsTrace(CapturedOutput output) {
		String traceId = send("records", "r1", "rid-r1");
		RecordedRequest call = downstream.takeRequest();
		assertThat(call.uri()).isEqualTo("/record/r1");
		assertThat(call.header("traceparent")).startsWith("00-" + traceId + "-");
		assertThat(call.header("X-Request-Id")).isEqualTo("rid-r1");
		InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
		SpanData producer = SpanCapture.awaitSpan(spans, traceId, SpanKind.PRODUCER);
		SpanData consumer = SpanCapture.awaitSpan(spans, traceId, SpanKind.CONSUMER);
		assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
		assertThat(consumer.getName()).isEqualTo("records process");
		Map<String, Object> line = awaitLine(output, "record r1");
		assertThat(line).containsEntry("trace_id", traceId)
			.containsEntry("span_id", consumer.getSpanId())
			.containsEntry("request_id", "rid-r1");
	}

	@Test
	void warnLineOfARecordListenerIsAnEventOfItsProcessSpan() {
		String traceId = send("records", "odd1", "rid-odd1");
		assertThat(downstream.takeRequest().uri()).isEqualTo("/record/odd1");
		InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
		SpanData consumer = SpanCapture.awaitSpan(spans, traceId, SpanKind.CONSUMER);
		assertThat(consumer.getName()).isEqualTo("records process");
		assertThat(consumer.getEvents()).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("log");
			assertThat(event.getAttributes().get(AttributeKey.stringKey("log.message")))
				.isEqualTo("record odd1 looks odd");
			assertThat(event.getAttributes().get(AttributeKey.stringKey("log.severity"))).isEqualTo("WARN");
		});
		assertThat(SpanCapture.awaitSpan(spans, traceId, SpanKind.PRODUCER).getEvents()).isEmpty();
	}

	@Test
	void batchListenerHandlesEachRecordInItsOwnTrace(CapturedOutput output) {
		List<String> traceIds = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			traceIds.add(send("batch", "b" + i, "rid-b" + i));
		}
		context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("batch").start();
		InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
		for (int i = 0; i < 5; i++) {
			Map<String, Object> line = awaitLine(output, "batch record b" + i);
			SpanData producer = SpanCapture.awaitSpan(spans, traceIds.get(i), SpanKind.PRODUCER);
			SpanData process = SpanCapture.awaitSpan(spans, traceIds.get(i), SpanKind.CONSUMER);
			assertThat(process.getParentSpanId()).isEqualTo(producer.getSpanId());
			assertThat(line).containsEntry("trace_id", traceIds.get(i))
				.containsEntry("span_id", process.getSpanId())
				.containsEntry("request_id", "rid-b" + i);
		}
		List<RecordedRequest> calls = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			calls.add(downstream.takeRequest());
		}
		for (RecordedRequest call : calls) {
			int index = Integer.parseInt(call.uri().substring("/batch/b".length()));
			assertThat(call.header("traceparent")).startsWith("00-" + traceIds.get(index) + "-");
			assertThat(call.header("X-Request-Id")).isEqualTo("rid-b" + index);
		}
		SpanData oddProcess = SpanCapture.awaitSpan(spans, traceIds.get(3), SpanKind.CONSUMER);
		assertThat(oddProcess.getEvents())
			.extracting((event) -> event.getAttributes().get(AttributeKey.stringKey("log.message")))
			.containsExactly("batch record b3 looks odd");
		Map<String, Object> batchLine = awaitLine(output, "batch of 5");
		Map<String, Object> doneLine = awaitLine(output, "batch done");
		assertThat(batchLine.get("trace_id")).isNotNull().isNotIn(traceIds.toArray());
		assertThat(doneLine).containsEntry("trace_id", batchLine.get("trace_id"))
			.containsEntry("span_id", batchLine.get("span_id"))
			.doesNotContainKey("request_id");
		SpanData batch = SpanCapture.awaitSpan(spans, (String) batchLine.get("trace_id"), SpanKind.CONSUMER);
		assertThat(batch.getName()).isEqualTo("batch receive");
		assertThat(batch.getEvents()).as("events of the batch span").isEmpty();
		assertThat(batch.getParentSpanId()).isEqualTo("0000000000000000");
		assertThat(batch.getLinks()).extracting((link) -> link.getSpanContext().getTraceId())
			.containsExactlyInAnyOrderElementsOf(traceIds);
		for (LinkData link : batch.getLinks()) {
			assertThat(link.getSpanContext().getSpanId()).isEqualTo(
					SpanCapture.awaitSpan(spans, link.getSpanContext().getTraceId(), SpanKind.PRODUCER).getSpanId());
		}
	}

	@Test
	void batchListenerOfMessagesHandlesEachRecordInItsOwnTrace(CapturedOutput output) {
		String first = send("messages", "m1", "rid-m1");
		String second = send("messages", "m2", "rid-m2");
		context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("messages").start();
		assertThat(awaitLine(output, "message m1")).containsEntry("trace_id", first)
			.containsEntry("request_id", "rid-m1");
		assertThat(awaitLine(output, "message m2")).containsEntry("trace_id", second)
			.containsEntry("request_id", "rid-m2");
	}

	@Test
	void failuresRetriesAndTheDeadLetterStayInTheProducersTrace(CapturedOutput output) {
		String traceId = send("failing", "f1", "rid-f1");
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !KafkaTestApplication.deadLetters.isEmpty());
		List<Map<String, Object>> attempts = Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> JsonLogLines.withMessage(output, "attempt f1"), (lines) -> lines.size() == 3);
		assertThat(attempts).allSatisfy(
				(line) -> assertThat(line).containsEntry("trace_id", traceId).containsEntry("request_id", "rid-f1"));
		List<Header> traceparents = new ArrayList<>();
		KafkaTestApplication.deadLetters.get(0).headers().headers("traceparent").forEach(traceparents::add);
		assertThat(traceparents).singleElement()
			.satisfies((header) -> assertThat(new String(header.value())).startsWith("00-" + traceId + "-"));
		assertThat(KafkaTestApplication.deadLetters.get(0).headers().headers("X-Request-Id")).hasSize(1);
		assertThat(awaitLine(output, "dead letter f1")).containsEntry("trace_id", traceId)
			.containsEntry("request_id", "rid-f1");
		assertThat(awaitLine(output, "recovering f1")).containsEntry("trace_id", traceId)
			.containsEntry("request_id", "rid-f1");
	}

	@Test
	void aFailedBatchIsRecoveredInTheFailedRecordsTrace(CapturedOutput output) {
		String good = send("failing-batch", "good1", "rid-good1");
		String bad = send("failing-batch", "bad1", "rid-bad1");
		context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("failing-batch").start();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !KafkaTestApplication.batchDeadLetters.isEmpty());
		assertThat(KafkaTestApplication.batchDeadLetters).singleElement().satisfies((record) -> {
			assertThat(record.value()).isEqualTo("bad1");
			assertThat(record.headers().headers("traceparent")).singleElement()
				.satisfies((header) -> assertThat(new String(header.value())).startsWith("00-" + bad + "-"));
		});
		assertThat(awaitLine(output, "recovering bad1")).containsEntry("trace_id", bad)
			.containsEntry("request_id", "rid-bad1");
		assertThat(awaitLine(output, "batch dead letter bad1")).containsEntry("trace_id", bad);
		assertThat(good).isNotEqualTo(bad);
	}

	static String send(String topic, String value, String requestId) {
		String traceId = IdGenerator.random().generateTraceId();
		RawHttpClient.Response response = RawHttpClient.send(port, "POST", "/send?topic=" + topic + "&value=" + value,
				List.of(new String[] { "traceparent", "00-" + traceId + "-b7ad6b7169203331-01" },
						new String[] { "X-Request-Id", requestId }),
				"");
		assertThat(response.status()).isEqualTo(200);
		return traceId;
	}

	static Map<String, Object> awaitLine(CapturedOutput output, String message) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> JsonLogLines.withMessage(output, message), (lines) -> !lines.isEmpty())
			.get(0);
	}

}
