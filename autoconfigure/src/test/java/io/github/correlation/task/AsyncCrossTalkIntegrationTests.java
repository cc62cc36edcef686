package io.github.correlation.task;

import java.util.Map;

import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.AsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No cross-talk: 64 concurrent requests fan out to a shared pool of two threads; every
 * task line carries its own request's ids, and none carries ids once its task has ended.
 */
@ExtendWith(OutputCaptureExtension.class)
class AsyncCrossTalkIntegrationTests {

	@Test
	void tasksOnASmallSharedPoolNeverCarryAnotherRequestsIds(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = TestApplication.run(new Class<?>[] { AsyncTestApplication.class },
				"spring.task.execution.mode=force", "logging.structured.format.console=logstash",
				"server.tomcat.threads.max=16")) {
			int port = TestApplication.port(context);
			Map<String, String> traceIds = AsyncCrossTalkSupport.fanOut(port, "ownPool");
			assertThat(AsyncCrossTalkSupport.mismatches(output, traceIds)).as("lines with another request's ids")
				.isZero();
			AsyncTaskExecutor pool = context.getBean("ownPool", AsyncTaskExecutor.class);
			for (int i = 0; i < 4; i++) {
				pool.submit(() -> LoggerFactory.getLogger(getClass()).info("after the requests")).get();
			}
			assertThat(JsonLogLines.withMessage(output, "after the requests")).hasSize(4)
				.allSatisfy((line) -> assertThat(line).doesNotContainKeys("trace_id", "span_id", "request_id"));
		}
	}

}
