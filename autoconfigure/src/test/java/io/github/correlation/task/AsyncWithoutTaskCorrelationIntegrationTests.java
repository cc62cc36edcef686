package io.github.correlation.task;

import java.util.List;

import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gap the task boundary closes: with {@code correlation.task.enabled=false} the
 * application is plain Boot, and its own executors and hand-made spans lose the request's
 * context.
 */
@ExtendWith(OutputCaptureExtension.class)
class AsyncWithoutTaskCorrelationIntegrationTests {

	@Test
	void withoutTheTaskBoundaryTheApplicationsExecutorsLoseTheContext(CapturedOutput output) {
		try (ConfigurableApplicationContext context = TestApplication.run(new Class<?>[] { AsyncTestApplication.class },
				"spring.task.execution.mode=force", "correlation.task.enabled=false",
				"logging.structured.format.console=logstash", "management.tracing.baggage.remote-fields=tenant_id")) {
			int port = TestApplication.port(context);
			List<String[]> headers = List.<String[]>of(
					new String[] { "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" });
			assertThat(RawHttpClient.get(port, "/run?kind=ownPool&tag=plain", headers).status()).isEqualTo(200);
			assertThat(RawHttpClient.get(port, "/run?kind=applicationTaskExecutor&tag=plain", headers).status())
				.isEqualTo(200);
			assertThat(RawHttpClient.get(port, "/manual?tag=plain", headers).status()).isEqualTo(200);
			assertThat(JsonLogLines.single(output, "task ownPool plain")).doesNotContainKey("trace_id");
			assertThat(JsonLogLines.single(output, "task applicationTaskExecutor plain")).doesNotContainKey("trace_id");
			assertThat(JsonLogLines.single(output, "task manual plain")).doesNotContainKey("tenant_id");
		}
	}

}
