package io.github.correlation.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.correlation.test.RecordingHttpServer.RecordedRequest;
import io.opentelemetry.sdk.trace.IdGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many requests at once, each with its own trace id and request id (its tag,
 * {@code req-<n>}), each asking the application to call the downstream server at
 * {@code /<tag>}: what the no-cross-talk tests send and check.
 */
public final class RequestCrowd {

	private final Map<String, String> traceIds = new ConcurrentHashMap<>();

	/**
	 * Send the requests, all released at once, and assert that each succeeded and that
	 * each downstream call carried its own request's ids.
	 * @param port the application's port
	 * @param path the path before the parameters {@code tag} and {@code url}
	 * @param requests how many requests
	 * @param clients how many of them are in flight at once
	 * @param downstream the downstream server
	 * @throws Exception if a request fails
	 */
	public void send(int port, String path, int requests, int clients, RecordingHttpServer downstream)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<RawHttpClient.Response>> responses = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			String tag = "req-" + i;
			String traceId = IdGenerator.random().generateTraceId();
			this.traceIds.put(tag, traceId);
			String url = URLEncoder.encode(downstream.url("/" + tag), StandardCharsets.UTF_8);
			responses.add(pool.submit(() -> {
				start.await();
				return RawHttpClient.get(port, path + "?tag=" + tag + "&url=" + url,
						List.of(new String[] { "traceparent", "00-" + traceId + "-b7ad6b7169203331-01" },
								new String[] { "X-Request-Id", tag }));
			}));
		}
		start.countDown();
		for (Future<RawHttpClient.Response> response : responses) {
			assertThat(response.get().status()).isEqualTo(200);
		}
		pool.shutdown();
		List<RecordedRequest> sent = downstream.drain();
		assertThat(sent).hasSize(requests);
		for (RecordedRequest request : sent) {
			String tag = request.uri().substring(1);
			assertThat(request.header("traceparent")).as(tag).startsWith("00-" + this.traceIds.get(tag) + "-");
			assertThat(request.header("X-Request-Id")).isEqualTo(tag);
		}
	}

	/**
	 * Return the log lines that do not carry the ids of the request whose tag ends their
	 * message.
	 * @param lines the JSON log lines
	 * @return the lines with another request's ids, or none
	 */
	public List<Map<String, Object>> mismatches(List<Map<String, Object>> lines) {
		List<Map<String, Object>> mismatches = new ArrayList<>();
		for (Map<String, Object> line : lines) {
			String tag = line.get("message").toString().replaceAll(".*[ /]", "");
			if (!this.traceIds.get(tag).equals(line.get("trace_id")) || !tag.equals(line.get("request_id"))) {
				mismatches.add(line);
			}
		}
		return mismatches;
	}

}
