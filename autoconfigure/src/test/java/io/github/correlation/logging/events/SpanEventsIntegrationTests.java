package io.github.correlation.logging.events;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WARN and ERROR lines written while a request is handled are events of the span current
 * where they are written: the request's server span, a span opened in an {@code @Async}
 * task, the request's span again where the task runs in its context; over a real Tomcat
 * and Boot's span export.
 */
class SpanEventsIntegrationTests {

	private static final AttributeKey<String> SEVERITY = AttributeKey.stringKey("log.severity");

	private static final AttributeKey<String> MESSAGE = AttributeKey.stringKey("log.message");

	private static final AttributeKey<String> LOGGER = AttributeKey.stringKey("log.logger");

	private static final AttributeKey<String> THREAD = AttributeKey.stringKey("thread.name");

	@AutoClose
	private static final ConfigurableApplicationContext context = TestApplication.run(
			new Class<?>[] { SpanEventsApplication.class, SpanCapture.class },
			"management.tracing.sampling.probability=1.0",
			"management.opentelemetry.tracing.export.schedule-delay=50ms",
			"correlation.logging.span-events.max-per-span=5", "correlation.logging.span-events.max-message-length=40");

	private static final int port = TestApplication.port(context);

	@Test
	void warnLineIsAnEventOfTheServerSpan() {
		SpanData server = serverSpan("/declined");
		assertThat(server.getEvents()).hasSize(1);
		EventData event = server.getEvents().get(0);
		assertThat(event.getName()).isEqualTo("log");
		assertThat(event.getAttributes().get(SEVERITY)).isEqualTo("WARN");
		assertThat(event.getAttributes().get(MESSAGE)).isEqualTo("card ****0002 declined");
		assertThat(event.getAttributes().get(LOGGER)).isEqualTo(Payments.class.getName());
		assertThat(event.getAttributes().get(THREAD)).startsWith("http-nio-");
		assertThat(event.getEpochNanos()).isBetween(server.getStartEpochNanos(), server.getEndEpochNanos());
		assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
	}

	@Test
	void errorLineWithAnExceptionIsAnExceptionEventAndLeavesTheStatusAlone() {
		SpanData server = serverSpan("/failed");
		assertThat(server.getEvents()).hasSize(1);
		EventData event = server.getEvents().get(0);
		assertThat(event.getName()).isEqualTo("exception");
		assertThat(event.getAttributes().get(SEVERITY)).isEqualTo("ERROR");
		assertThat(event.getAttributes().get(MESSAGE)).isEqualTo("charge failed");
		assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
			.isEqualTo(IllegalStateException.class.getName());
		assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo("gateway timeout");
		assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
			.startsWith("java.lang.IllegalStateException: gateway timeout\n\tat ")
			.contains("\nCaused by: java.io.IOException: read timed out");
		assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
	}

	@Test
	void infoLinesAreNotEvents() {
		SpanData server = serverSpan("/quiet");
		assertThat(server.getEvents()).isEmpty();
		assertThat(server.getAttributes().get(AttributeKey.longKey("log.events.dropped"))).isNull();
	}

	@Test
	void aSpanTakesAtMostTheLimitAndCountsTheRest() {
		SpanData server = serverSpan("/noisy?lines=12");
		assertThat(server.getEvents()).extracting((event) -> event.getAttributes().get(MESSAGE))
			.containsExactly("noisy 0", "noisy 1", "noisy 2", "noisy 3", "noisy 4");
		assertThat(server.getAttributes().get(AttributeKey.longKey("log.events.dropped"))).isEqualTo(7L);
	}

	@Test
	void messagesAreCleanedAndCut() {
		SpanData server = serverSpan("/echo?text=a%0Ab%1B%5B31mc%E2%80%AEd" + "x".repeat(60));
		String message = server.getEvents().get(0).getAttributes().get(MESSAGE);
		assertThat(message).startsWith("echo a?b?[31mc?d").endsWith("...").hasSize(43).doesNotContain("\n", "\u001b");
	}

	@Test
	void asyncTaskLinesAreEventsOfTheTasksSpanOrOfTheRequestsSpan() {
		SpanData server = serverSpan("/async");
		InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
		SpanData task = Awaitility.await()
			.until(() -> SpanCapture.spans(spans, server.getTraceId())
				.stream()
				.filter((span) -> span.getName().equals("async.work"))
				.findFirst()
				.orElse(null), (span) -> span != null);
		assertThat(task.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(task.getEvents()).extracting((event) -> event.getAttributes().get(MESSAGE))
			.containsExactly("inside the task's span");
		assertThat(task.getEvents().get(0).getAttributes().get(THREAD)).startsWith("task-");
		assertThat(server.getEvents()).extracting((event) -> event.getAttributes().get(MESSAGE))
			.containsExactly("in the request's context");
	}

	private static SpanData serverSpan(String path) {
		RawHttpClient.Response response = RawHttpClient.get(port, path, List.of());
		assertThat(response.status()).isLessThan(500);
		String traceId = response.header("traceresponse").split("-")[1];
		return SpanCapture.awaitSpan(context.getBean(InMemorySpanExporter.class), traceId, SpanKind.SERVER);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableAsync
	@Import({ Payments.class, Tasks.class })
	static class SpanEventsApplication {

	}

	@RestController
	static class Payments {

		private static final Logger logger = LoggerFactory.getLogger(Payments.class);

		private final Tasks tasks;

		Payments(Tasks tasks) {
			this.tasks = tasks;
		}

		@GetMapping("/declined")
		ResponseEntity<String> declined() {
			logger.info("charging card {}", "****0002");
			logger.warn("card {} declined", "****0002");
			return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body("declined");
		}

		@GetMapping("/failed")
		String failed() {
			logger.error("charge failed",
					new IllegalStateException("gateway timeout", new IOException("read timed out")));
			return "recovered";
		}

		@GetMapping("/quiet")
		String quiet() {
			logger.info("all fine");
			return "fine";
		}

		@GetMapping("/noisy")
		String noisy(@RequestParam int lines) {
			for (int i = 0; i < lines; i++) {
				logger.warn("noisy {}", i);
			}
			return "noisy";
		}

		@GetMapping("/echo")
		String echo(@RequestParam String text) {
			logger.warn("echo {}", text);
			return "echoed";
		}

		@GetMapping("/async")
		String async() throws Exception {
			return this.tasks.work().get();
		}

	}

	@Component
	static class Tasks {

		private static final Logger logger = LoggerFactory.getLogger(Tasks.class);

		private final ObservationRegistry observations;

		Tasks(ObservationRegistry observations) {
			this.observations = observations;
		}

		@Async
		Future<String> work() {
			logger.warn("in the request's context");
			Observation.createNotStarted("async.work", this.observations)
				.observe(() -> logger.warn("inside the task's span"));
			return CompletableFuture.completedFuture("done");
		}

	}

}
