package io.github.correlation.task;

import java.util.List;
import java.util.Map;

import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.TestApplication;
import io.opentelemetry.sdk.trace.IdGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Hooks;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Reactor's automatic context propagation switched on by the application
 * ({@code spring.reactor.context-propagation=auto}, not a starter default: it costs),
 * every operator of a chain, {@code doOnNext} on a Netty or scheduler thread included,
 * logs the request's ids.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactorAutoPropagationIntegrationTests {

	@AutoClose
	private static final RecordingHttpServer downstream = new RecordingHttpServer();

	@AutoClose
	private static final ConfigurableApplicationContext context = TestApplication.run(
			new Class<?>[] { AsyncTestApplication.class }, "spring.reactor.context-propagation=auto",
			"logging.structured.format.console=logstash", "management.tracing.sampling.probability=1.0",
			"test.downstream=" + downstream.url(""));

	@AfterAll
	static void stop() {
		// Boot switches the global hook on and never off: leave other test classes in
		// limited mode
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void everyOperatorCarriesTheRequestsIds(CapturedOutput output) {
		String tag = "auto-" + System.nanoTime();
		String traceId = IdGenerator.random().generateTraceId();
		RawHttpClient.Response response = RawHttpClient.get(TestApplication.port(context), "/reactive?tag=" + tag,
				List.of(new String[] { "traceparent", "00-" + traceId + "-b7ad6b7169203331-01" },
						new String[] { "X-Request-Id", "rid-" + tag }));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(downstream.takeRequest().header("traceparent")).startsWith("00-" + traceId);
		Map<String, Object> body = JsonLogLines.single(output, "reactive body " + tag);
		assertThat(body).containsEntry("trace_id", traceId).containsEntry("request_id", "rid-" + tag);
		Map<String, Object> hop = JsonLogLines.single(output, "reactive hop " + tag);
		assertThat(hop).containsEntry("trace_id", traceId).containsEntry("request_id", "rid-" + tag);
		assertThat(hop.get("thread_name")).asString().startsWith("boundedElastic");
	}

}
