package io.github.correlation.web.reactive;

import java.util.List;
import java.util.Map;

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
 * No cross-talk on WebFlux: 200 requests in flight at once on two event-loop threads,
 * each logging on the event loop, on {@code boundedElastic}, {@code parallel} and timer
 * threads and calling downstream with {@code WebClient}; every line and every outgoing
 * request carries its own request's trace id and request id.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebFluxConcurrentRequestsIntegrationTests {

	private static final int REQUESTS = 200;

	private static final int LINES_PER_REQUEST = 6;

	@Test
	void everyLineAndEveryOutgoingRequestCarriesItsOwnRequestsIds(CapturedOutput output) throws Exception {
		RequestCrowd crowd = new RequestCrowd();
		try (RecordingHttpServer downstream = new RecordingHttpServer();
				ConfigurableApplicationContext context = TestApplication.runReactive(
						new Class<?>[] { ReactiveTestApplication.class },
						"logging.structured.format.console=logstash")) {
			crowd.send(TestApplication.port(context), "/crowd", REQUESTS, REQUESTS, downstream);
		}
		List<Map<String, Object>> lines = JsonLogLines.matching(output,
				(line) -> String.valueOf(line.get("message")).startsWith("crowd "));
		assertThat(lines).hasSize(REQUESTS * LINES_PER_REQUEST);
		assertThat(crowd.mismatches(lines)).as("lines carrying another request's ids, or none").isEmpty();
	}

}
