package io.github.correlation.logging.events;

import java.util.List;

import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WARN line written by a WebFlux handler, on the event loop or on another scheduler's
 * thread, is an event of the request's server span.
 */
class WebFluxSpanEventsIntegrationTests {

	private static final AttributeKey<String> MESSAGE = AttributeKey.stringKey("log.message");

	private static final AttributeKey<String> THREAD = AttributeKey.stringKey("thread.name");

	private static ConfigurableApplicationContext context;

	// Started when the class runs: applications on Reactor Netty share its global
	// resources, which the first to close releases
	@BeforeAll
	static void start() {
		context = TestApplication.runReactive(new Class<?>[] { ReactivePayments.class, SpanCapture.class },
				"management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=50ms");
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void warnLineOnTheEventLoopIsAnEventOfTheServerSpan() {
		SpanData server = serverSpan("/reactive/declined");
		assertThat(server.getEvents()).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("log");
			assertThat(event.getAttributes().get(MESSAGE)).isEqualTo("card ****0002 declined");
			assertThat(event.getAttributes().get(THREAD)).startsWith("reactor-http-");
		});
	}

	@Test
	void warnLineOnAnotherSchedulerIsAnEventOfTheServerSpan() {
		SpanData server = serverSpan("/reactive/slow-declined");
		assertThat(server.getEvents()).singleElement().satisfies((event) -> {
			assertThat(event.getAttributes().get(MESSAGE)).isEqualTo("card ****0077 declined late");
			assertThat(event.getAttributes().get(THREAD)).startsWith("boundedElastic-");
		});
	}

	private static SpanData serverSpan(String path) {
		RawHttpClient.Response response = RawHttpClient.get(TestApplication.port(context), path, List.of());
		assertThat(response.status()).isEqualTo(402);
		String traceId = response.header("traceresponse").split("-")[1];
		return SpanCapture.awaitSpan(context.getBean(InMemorySpanExporter.class), traceId, SpanKind.SERVER);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ReactivePayments.Controller.class)
	static class ReactivePayments {

		@RestController
		static class Controller {

			private static final Logger logger = LoggerFactory.getLogger(Controller.class);

			@GetMapping("/reactive/declined")
			Mono<ResponseEntity<String>> declined() {
				return Mono.fromCallable(() -> {
					logger.warn("card ****0002 declined");
					return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body("declined");
				});
			}

			@GetMapping("/reactive/slow-declined")
			Mono<ResponseEntity<String>> slowDeclined() {
				return Mono.fromCallable(() -> {
					logger.warn("card ****0077 declined late");
					return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body("declined");
				}).subscribeOn(Schedulers.boundedElastic());
			}

		}

	}

}
