package io.github.correlation.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * Copies trace export requests, unchanged, to another OTLP/HTTP endpoint such as a
 * collector or Jaeger, on one daemon thread. Forwarding is best effort: the receiver's
 * own answer never waits for it nor depends on it.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
final class Forwarder implements AutoCloseable {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

	// Bounded so that an unreachable target cannot make the receiver hoard memory.
	private static final int MAX_PENDING_REQUESTS = 1000;

	private final URI target;

	private final HttpClient client;

	private final ThreadPoolExecutor executor;

	private final AtomicBoolean failureReported = new AtomicBoolean();

	Forwarder(URI baseEndpoint, int receiverPort) {
		Objects.requireNonNull(baseEndpoint, "baseEndpoint");
		String scheme = String.valueOf(baseEndpoint.getScheme()).toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new IllegalArgumentException("Not an http(s) endpoint: " + baseEndpoint);
		}
		this.target = tracesEndpoint(baseEndpoint);
		if (isLoopback(this.target.getHost()) && this.target.getPort() == receiverPort
				&& this.target.getPath().equals(OtlpHttpHandler.TRACES_PATH)) {
			throw new IllegalArgumentException("Forwarding to the receiver itself would loop: " + baseEndpoint);
		}
		// HTTP/1.1 because an h2c upgrade attempt is refused by some collectors.
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(CONNECT_TIMEOUT)
			.build();
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(MAX_PENDING_REQUESTS), (task) -> {
					Thread thread = new Thread(task, "otlp-receiver-forwarder");
					thread.setDaemon(true);
					return thread;
				}, (task, executor) -> {
					if (!executor.isShutdown()) {
						reportFailure("too many pending requests, dropping");
					}
				});
	}

	static URI tracesEndpoint(URI baseEndpoint) {
		String base = baseEndpoint.toString();
		while (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return URI.create(base + "/v1/traces");
	}

	static @Nullable URI target(@Nullable String environmentValue) {
		return (environmentValue != null && !environmentValue.isBlank()) ? URI.create(environmentValue.trim()) : null;
	}

	private static boolean isLoopback(@Nullable String host) {
		return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
	}

	void forward(byte[] body, @Nullable String contentType, @Nullable String contentEncoding) {
		this.executor.execute(() -> send(body, contentType, contentEncoding));
	}

	private void send(byte[] body, @Nullable String contentType, @Nullable String contentEncoding) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.target)
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", (contentType != null) ? contentType : "application/x-protobuf")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentEncoding != null) {
			request.header("Content-Encoding", contentEncoding);
		}
		try {
			HttpResponse<Void> response = this.client.send(request.build(), HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 != 2) {
				reportFailure("HTTP " + response.statusCode());
			}
		}
		catch (IOException ex) {
			reportFailure(ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void reportFailure(String reason) {
		// One line is enough to notice a missing collector; one per batch would drown the
		// output of the demo.
		if (this.failureReported.compareAndSet(false, true)) {
			System.err.println("OtlpReceiver: forwarding traces to " + this.target + " failed (" + reason
					+ "); further forwarding failures are not reported");
		}
	}

	@Override
	public void close() {
		// Give requests that were already accepted a chance to reach the target.
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			this.executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

}
