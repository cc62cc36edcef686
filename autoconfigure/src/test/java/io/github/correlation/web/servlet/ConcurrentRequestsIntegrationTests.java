package io.github.correlation.web.servlet;

import java.util.List;
import java.util.Map;

import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.RequestCrowd;
import io.github.correlation.test.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No cross-talk: under concurrency, every log line and every outgoing request carries its
 * own request's trace id and request id, on Tomcat's pooled threads.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentRequestsIntegrationTests {

	private static final int REQUESTS = 64;

	@Test
	void everyLineAndEveryOutgoingRequestCarriesItsOwnRequestsIds(CapturedOutput output) throws Exception {
		RequestCrowd crowd = new RequestCrowd();
		try (RecordingHttpServer downstream = new RecordingHttpServer();
				ConfigurableApplicationContext context = TestApplication.run(
						new Class<?>[] { CorrelationTestApplication.class }, "server.tomcat.threads.max=8",
						"logging.structured.format.console=logstash")) {
			crowd.send(TestApplication.port(context), "/call", REQUESTS, 16, downstream);
		}
		List<Map<String, Object>> lines = JsonLogLines.withMessage(output, "calling http");
		assertThat(lines).hasSize(REQUESTS);
		assertThat(crowd.mismatches(lines)).as("lines carrying another request's ids").isEmpty();
	}

}
