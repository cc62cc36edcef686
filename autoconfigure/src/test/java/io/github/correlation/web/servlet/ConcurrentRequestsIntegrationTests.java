package io.github.correlation.web.servlet;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.RecordingHttpServer.RecordedRequest;
import io.github.correlation.test.TestApplication;
import io.opentelemetry.sdk.trace.IdGenerator;
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
		Map<String, String> traceIds = new ConcurrentHashMap<>();
		try (RecordingHttpServer downstream = new RecordingHttpServer();
				ConfigurableApplicationContext context = TestApplication.run(
						new Class<?>[] { CorrelationTestApplication.class }, "server.tomcat.threads.max=8",
						"logging.structured.format.console=logstash")) {
			int port = TestApplication.port(context);
			ExecutorService clients = Executors.newFixedThreadPool(16);
			List<Future<RawHttpClient.Response>> responses = new ArrayList<>();
			for (int i = 0; i < REQUESTS; i++) {
				String tag = "req-" + i;
				String traceId = IdGenerator.random().generateTraceId();
				traceIds.put(tag, traceId);
				String url = URLEncoder.encode(downstream.url("/" + tag), StandardCharsets.UTF_8);
				responses.add(clients.submit(() -> RawHttpClient.get(port, "/call?url=" + url,
						List.of(new String[] { "traceparent", "00-" + traceId + "-b7ad6b7169203331-01" },
								new String[] { "X-Request-Id", tag }))));
			}
			for (Future<RawHttpClient.Response> response : responses) {
				assertThat(response.get().status()).isEqualTo(200);
			}
			clients.shutdown();
			List<RecordedRequest> sent = downstream.drain();
			assertThat(sent).hasSize(REQUESTS);
			for (RecordedRequest request : sent) {
				String tag = request.uri().substring(1);
				assertThat(request.header("traceparent")).as(tag).startsWith("00-" + traceIds.get(tag) + "-");
				assertThat(request.header("X-Request-Id")).isEqualTo(tag);
			}
		}
		List<Map<String, Object>> lines = JsonLogLines.withMessage(output, "calling http");
		assertThat(lines).hasSize(REQUESTS);
		int mismatches = 0;
		for (Map<String, Object> line : lines) {
			String tag = line.get("message").toString().replaceAll(".*/", "");
			if (!traceIds.get(tag).equals(line.get("trace_id")) || !tag.equals(line.get("request_id"))) {
				mismatches++;
			}
		}
		assertThat(mismatches).as("lines carrying another request's ids").isZero();
	}

}
