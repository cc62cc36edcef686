package io.github.correlation.web.servlet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.TestApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tracing backend that accepts connections and never answers must not fail or hold up
 * the application: export happens off the request path, bounded and lossy. The bound is
 * behavioural, not a timing: had any request waited for the exporter, it would have taken
 * the exporter's timeout ({@value #EXPORT_TIMEOUT_SECONDS} s); none may take a fifth of
 * it. The figures are printed; how much a backend costs is for {@code ./benchmarks/run}.
 */
@Tag("fault")
class UnreachableBackendIntegrationTests {

	private static final int REQUESTS = 300;

	private static final int EXPORT_TIMEOUT_SECONDS = 10;

	@Test
	void requestsSucceedWhileTheBackendHangs() throws Exception {
		try (HangingServer backend = new HangingServer()) {
			Run hanging = run(
					List.of("management.opentelemetry.tracing.export.otlp.timeout=" + EXPORT_TIMEOUT_SECONDS + "s",
							"management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:" + backend.port()
									+ "/v1/traces",
							"management.opentelemetry.tracing.export.schedule-delay=10ms",
							"management.opentelemetry.tracing.export.max-batch-size=8"));
			assertThat(backend.connections()).as("the exporter tried the backend").isNotEmpty();
			assertThat(Duration.ofNanos(hanging.slowest())).as("the slowest request with a hanging backend")
				.isLessThan(Duration.ofSeconds(EXPORT_TIMEOUT_SECONDS).dividedBy(5));
			System.out.printf("%d requests with a hanging tracing backend: %d ms in all, the slowest %d ms%n", REQUESTS,
					Duration.ofNanos(hanging.total()).toMillis(), Duration.ofNanos(hanging.slowest()).toMillis());
		}
	}

	private static Run run(List<String> properties) {
		List<String> all = new ArrayList<>(
				List.of("management.tracing.sampling.probability=1.0", "logging.level.root=warn"));
		all.addAll(properties);
		try (ConfigurableApplicationContext context = TestApplication
			.run(new Class<?>[] { CorrelationTestApplication.class }, all.toArray(String[]::new))) {
			int port = TestApplication.port(context);
			RawHttpClient.get(port, "/hello", List.of());
			long start = System.nanoTime();
			long slowest = 0;
			for (int i = 0; i < REQUESTS; i++) {
				long requestStart = System.nanoTime();
				assertThat(RawHttpClient.get(port, "/hello", List.of()).status()).isEqualTo(200);
				slowest = Math.max(slowest, System.nanoTime() - requestStart);
			}
			return new Run(System.nanoTime() - start, slowest);
		}
	}

	private record Run(long total, long slowest) {

	}

	/**
	 * Accepts connections and reads nothing, answers nothing.
	 */
	static final class HangingServer implements AutoCloseable {

		private final ServerSocket socket;

		private final List<Socket> connections = new CopyOnWriteArrayList<>();

		HangingServer() throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try {
						this.connections.add(this.socket.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "hanging-backend");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		List<Socket> connections() {
			return this.connections;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			for (Socket connection : this.connections) {
				connection.close();
			}
		}

	}

}
