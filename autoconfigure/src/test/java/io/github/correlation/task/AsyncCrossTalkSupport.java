package io.github.correlation.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RawHttpClient;
import io.opentelemetry.sdk.trace.IdGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fires concurrent requests that each fan out to tasks, and checks every task line
 * against the request that caused it.
 */
final class AsyncCrossTalkSupport {

	static final int REQUESTS = 64;

	private AsyncCrossTalkSupport() {
	}

	/**
	 * Send the requests, each with its own trace, to {@code /fanout} on the given
	 * executor.
	 * @return the trace id of each request, by tag
	 */
	static Map<String, String> fanOut(int port, String executor) throws Exception {
		Map<String, String> traceIds = new HashMap<>();
		ExecutorService clients = Executors.newFixedThreadPool(16);
		try {
			List<Future<RawHttpClient.Response>> responses = new ArrayList<>();
			for (int i = 0; i < REQUESTS; i++) {
				String tag = executor + "-req-" + i;
				String traceId = IdGenerator.random().generateTraceId();
				traceIds.put(tag, traceId);
				responses
					.add(clients.submit(() -> RawHttpClient.get(port, "/fanout?executor=" + executor + "&tag=" + tag,
							List.of(new String[] { "traceparent", "00-" + traceId + "-b7ad6b7169203331-01" },
									new String[] { "X-Request-Id", tag }))));
			}
			for (Future<RawHttpClient.Response> response : responses) {
				assertThat(response.get().status()).isEqualTo(200);
			}
		}
		finally {
			clients.shutdown();
		}
		return traceIds;
	}

	/**
	 * Count the task lines that carry another request's ids, and check there is one line
	 * per task.
	 * @return the number of mismatched lines
	 */
	static int mismatches(CharSequence output, Map<String, String> traceIds) {
		List<Map<String, Object>> lines = JsonLogLines.matching(output,
				(line) -> String.valueOf(line.get("message")).startsWith("fan ")
						&& traceIds.containsKey(String.valueOf(line.get("message")).split(" ")[1]));
		assertThat(lines).hasSize(REQUESTS * 3);
		int mismatches = 0;
		for (Map<String, Object> line : lines) {
			String tag = String.valueOf(line.get("message")).split(" ")[1];
			if (!traceIds.get(tag).equals(line.get("trace_id")) || !tag.equals(line.get("request_id"))) {
				mismatches++;
			}
		}
		return mismatches;
	}

}
