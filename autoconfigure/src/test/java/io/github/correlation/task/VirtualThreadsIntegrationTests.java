package io.github.correlation.task;

import java.util.List;
import java.util.Map;

import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.TestApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.threads.virtual.enabled=true}, Boot's
 * {@code applicationTaskExecutor} runs each task on a new virtual thread; tasks still run
 * in their own request's context, under concurrency. Runs on JDK 21 and later
 * ({@code .ci/run} runs it on JDK 25).
 */
@Tag("virtual-threads")
@EnabledForJreRange(min = JRE.JAVA_21)
@ExtendWith(OutputCaptureExtension.class)
class VirtualThreadsIntegrationTests {

	@Test
	void tasksOnVirtualThreadsNeverCarryAnotherRequestsIds(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = TestApplication.run(new Class<?>[] { AsyncTestApplication.class },
				"spring.task.execution.mode=force", "spring.threads.virtual.enabled=true",
				"logging.structured.format.console=logstash")) {
			int port = TestApplication.port(context);
			Map<String, String> traceIds = AsyncCrossTalkSupport.fanOut(port, "applicationTaskExecutor");
			assertThat(AsyncCrossTalkSupport.mismatches(output, traceIds)).as("lines with another request's ids")
				.isZero();
			List<Map<String, Object>> lines = JsonLogLines.withMessage(output, "fan applicationTaskExecutor-req-0 ");
			assertThat(lines).isNotEmpty();
			Object virtual = Thread.class.getMethod("isVirtual")
				.invoke(context
					.getBean("applicationTaskExecutor", org.springframework.core.task.AsyncTaskExecutor.class)
					.submit(Thread::currentThread)
					.get());
			assertThat(virtual).isEqualTo(true);
		}
	}

}
