package io.github.correlation.fuzz;

import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.RecordingHttpServer.RecordedRequest;
import io.github.correlation.test.TestApplication;
import io.github.correlation.web.reactive.ReactiveTestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile trace headers over real sockets: generated {@code traceparent},
 * {@code tracestate}, {@code baggage} and request id values (header and alias), several
 * instances of each, sent raw to an embedded Tomcat, and to Reactor Netty, whose
 * application calls a real downstream server. Every request is checked: no 5xx, a 4xx
 * (400, or 431 for headers beyond the server's limit) only where the server refuses the
 * request before any application code runs, every header sent downstream and every
 * response header well-formed and free of rejected input, every JSON log line one line of
 * valid JSON.
 */
@Tag("fuzz")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostileHttpHeadersFuzzTests {

	private static final String[] FAMILIES = { "traceparent", "tracestate", "baggage", "request id" };

	private static final int CLIENTS = 8;

	@AfterEach
	void clearLoggingSystemProperties() {
		TestApplication.clearLoggingSystemProperties();
	}

	@ParameterizedTest
	@ValueSource(strings = { "servlet", "webflux" })
	void hostileHeadersNeverFailARequestOrLeaveTheApplication(String stack) throws Exception {
		// Under target/, so the lines of a failed run can be read
		Path logFile = Path.of("target", "fuzz", "http-" + stack + ".log").toAbsolutePath();
		Files.deleteIfExists(logFile);
		HostileValues values = new HostileValues(HostileValues.SEED, false);
		Map<String, Integer> tried = new TreeMap<>();
		List<Sent> sent = new ArrayList<>();
		while (tried.size() < FAMILIES.length
				|| tried.values().stream().mapToInt(Integer::intValue).min().orElse(0) < HostileValues.TRIES) {
			sent.add(generate(values, tried, sent.size()));
		}
		Set<String> allRejected = new HashSet<>();
		sent.forEach((request) -> allRejected.addAll(request.rejected()));
		Invariants invariants = new Invariants();
		Map<String, Sent> awaitingDownstream = new ConcurrentHashMap<>();
		AtomicInteger refusedByServer = new AtomicInteger();
		List<RecordedRequest> calls;
		String[] properties = { "management.tracing.sampling.probability=1.0",
				"management.tracing.baggage.remote-fields=user_id",
				"management.tracing.baggage.correlation.fields=user_id", "correlation.audit.internal=true",
				"logging.file.name=" + logFile, "logging.structured.format.file=logstash",
				"logging.threshold.console=off", "logging.level.root=info" };
		try (RecordingHttpServer downstream = new RecordingHttpServer();
				ConfigurableApplicationContext app = stack.equals("webflux")
						? TestApplication.runReactive(new Class<?>[] { ReactiveTestApplication.class }, properties)
						: TestApplication.run(new Class<?>[] { CorrelationTestApplication.class }, properties)) {
			int port = TestApplication.port(app);
			ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
			List<Future<?>> done = new ArrayList<>();
			for (Sent request : sent) {
				done.add(clients.submit(() -> {
					String path = "/callback/" + request.number();
					RawHttpClient.Response response;
					try {
						response = RawHttpClient.get(port, "/call?url=" + downstream.url(path), request.headers());
					}
					catch (UncheckedIOException ex) {
						// A server that refuses headers beyond its limit may close the
						// connection
						// before reading them all: the client then sees a reset, not the
						// 431
						if (ex.getCause() instanceof SocketException && request.isBeyondHeaderLimit()) {
							refusedByServer.incrementAndGet();
							return;
						}
						throw new IllegalStateException(request.describe(), ex);
					}
					check(invariants, request, response, refusedByServer);
					if (response.status() == 200) {
						awaitingDownstream.put(path, request);
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
			clients.shutdown();
			calls = downstream.drain();
		}
		for (RecordedRequest call : calls) {
			Sent request = awaitingDownstream.remove(call.uri());
			invariants.check(request != null, "downstream", "one call per request", call.uri());
			if (request != null) {
				checkDownstream(invariants, request, call);
			}
		}
		invariants.check(awaitingDownstream.isEmpty(), "downstream", "a call for every request",
				awaitingDownstream.keySet());
		List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
		lines.forEach((line) -> invariants.checkLogLine(line, allRejected));
		long continued = sent.stream().filter((request) -> request.continuedTraceId() != null).count();
		System.out.printf(
				"HTTP fuzz (%s, seed %d): %d requests, values tried %s, %d with a valid traceparent, %d refused by the server before the application, %d log lines; failures: %d%n",
				stack, HostileValues.SEED, sent.size(), tried, continued, refusedByServer.get(), lines.size(),
				invariants.failureCount());
		assertThat(invariants.failures()).as("seed %d", HostileValues.SEED).isEmpty();
		assertThat(lines).hasSizeGreaterThan(sent.size() - refusedByServer.get());
	}

	private static Sent generate(HostileValues values, Map<String, Integer> tried, int number) {
		List<String[]> headers = new ArrayList<>();
		Set<String> rejected = new HashSet<>();
		String continuedTraceId = null;
		if (values.chance(75)) {
			int instances = values.chance(85) ? 1 : values.between(2, 3);
			for (int i = 0; i < instances; i++) {
				String traceparent = values.traceparent();
				headers.add(new String[] { values.pick("traceparent", "Traceparent", "TRACEPARENT"),
						values.pick("", " ") + traceparent });
				if (instances == 1 && Invariants.isValidTraceparent(traceparent)) {
					continuedTraceId = traceparent.substring(3, 35);
				}
				else {
					rejected.add(traceparent);
				}
			}
			tried.merge("traceparent", instances, Integer::sum);
		}
		instances(values, headers, tried, "tracestate", values::tracestate, null);
		instances(values, headers, tried, "baggage", values::baggage, null);
		instances(values, headers, tried, "request id", values::requestId, rejected);
		return new Sent(number, headers, rejected, continuedTraceId);
	}

	private static void check(Invariants invariants, Sent request, RawHttpClient.Response response,
			AtomicInteger refusedByServer) {
		String where = request.describe();
		invariants.check(response.status() < 500, where, "no 5xx", response.status());
		if (response.status() >= 400) {
			invariants.check(
					(response.status() == 400 || response.status() == 431) && response.header("traceresponse") == null
							&& response.header("x-request-id") == null,
					where, "a 4xx only from the server, before the application", response.status());
			refusedByServer.incrementAndGet();
			return;
		}
		invariants.checkNotEchoed(where + " response", response.headers(), request.rejected());
		String traceresponse = response.header("traceresponse");
		invariants.check(traceresponse != null && traceresponse.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]"), where,
				"traceresponse", traceresponse);
		String requestId = response.header("x-request-id");
		invariants.check(requestId != null && Invariants.isValidRequestId(requestId), where, "x-request-id", requestId);
	}

	private static void checkDownstream(Invariants invariants, Sent request, RecordedRequest call) {
		String where = request.describe() + " downstream";
		invariants.checkPropagated(where, call.headers(), request.rejected());
		if (request.continuedTraceId() != null) {
			invariants.check(String.valueOf(call.header("traceparent")).contains(request.continuedTraceId()), where,
					"a valid traceparent continued", call.header("traceparent"));
		}
	}

	private static void instances(HostileValues values, List<String[]> headers, Map<String, Integer> tried,
			String family, java.util.function.Supplier<String> generator, Set<String> rejected) {
		if (!values.chance(75)) {
			return;
		}
		int instances = values.chance(80) ? 1 : values.between(2, 4);
		for (int i = 0; i < instances; i++) {
			String value = generator.get();
			String name = switch (family) {
				case "request id" -> values.pick("X-Request-Id", "x-request-id", "X-Correlation-Id");
				default -> values.pick(family, family.toUpperCase());
			};
			headers.add(new String[] { name, values.pick("", " ", "\t") + value });
			if (rejected != null && !Invariants.isValidRequestId(value)) {
				rejected.add(value);
			}
		}
		tried.merge(family, instances, Integer::sum);
	}

	/**
	 * One generated request and what the invariants need to know of it.
	 */
	private record Sent(int number, List<String[]> headers, Set<String> rejected, String continuedTraceId) {

		// Tomcat's and Reactor Netty's default limit of the request's header block is 8
		// KiB;
		// the request line and Host header take the rest of the margin
		boolean isBeyondHeaderLimit() {
			int size = 0;
			for (String[] header : this.headers) {
				size += header[0].length() + header[1].length() + 3;
			}
			return size > 8 * 1024 - 256;
		}

		String describe() {
			StringBuilder shown = new StringBuilder("request ").append(this.number).append(' ');
			for (String[] header : this.headers) {
				String value = (header[1].length() > 120) ? header[1].substring(0, 120) + "..." : header[1];
				shown.append(header[0]).append(": ").append(value.replaceAll("\\p{Cntrl}", "?")).append("; ");
			}
			return shown.toString();
		}

	}

}
