package io.github.correlation.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * OTLP/HTTP backends for the fault tests, healthy and faulty, all on the loopback
 * interface.
 */
final class OtlpBackends {

	private OtlpBackends() {
	}

	/**
	 * A loopback port that was bound, then closed: nothing listens on it, connections are
	 * refused.
	 * @return the port
	 */
	static int unusedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The base of the OTLP/HTTP endpoints on a loopback port: {@code /v1/traces} and
	 * {@code /v1/logs} follow.
	 * @param port the port
	 * @return the endpoint's base
	 */
	static String endpoint(int port) {
		return "http://127.0.0.1:" + port;
	}

	/**
	 * A receiver that reads each export of spans or log records and answers {@code 200}
	 * with an empty body (an empty export response), after a delay.
	 */
	static final class Receiver implements AutoCloseable {

		private final HttpServer server;

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private final AtomicLong exports = new AtomicLong();

		private final AtomicLong logExports = new AtomicLong();

		private final AtomicLong bytes = new AtomicLong();

		private Receiver(int port, Duration delay) {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.setExecutor(this.executor);
			this.server.createContext("/v1/traces", (exchange) -> receive(exchange, delay, this.exports));
			this.server.createContext("/v1/logs", (exchange) -> receive(exchange, delay, this.logExports));
			this.server.start();
		}

		private void receive(HttpExchange exchange, Duration delay, AtomicLong received) throws IOException {
			try (exchange; InputStream body = exchange.getRequestBody()) {
				long length = body.transferTo(OutputStream.nullOutputStream());
				if (!delay.isZero()) {
					Thread.sleep(delay.toMillis());
				}
				if (length > 0) {
					received.incrementAndGet();
					this.bytes.addAndGet(length);
				}
				exchange.sendResponseHeaders(200, -1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/**
		 * A receiver that answers at once.
		 * @param port the port, {@code 0} for any
		 * @return the started receiver
		 */
		static Receiver healthy(int port) {
			return new Receiver(port, Duration.ZERO);
		}

		/**
		 * A receiver that takes its time over each export.
		 * @param delay how long each export takes
		 * @return the started receiver
		 */
		static Receiver slow(Duration delay) {
			return new Receiver(0, delay);
		}

		String endpoint() {
			return OtlpBackends.endpoint(this.server.getAddress().getPort());
		}

		/**
		 * Requests to {@code /v1/traces} with a non-empty body.
		 * @return how many were received so far
		 */
		long exports() {
			return this.exports.get();
		}

		/**
		 * Requests to {@code /v1/logs} with a non-empty body.
		 * @return how many were received so far
		 */
		long logExports() {
			return this.logExports.get();
		}

		long bytes() {
			return this.bytes.get();
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

	/**
	 * A backend that accepts connections and never reads from them nor answers, keeping
	 * every one of them open until it is closed.
	 */
	static final class BlackHole implements AutoCloseable {

		private final ServerSocket server;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private final Thread acceptor;

		BlackHole() {
			try {
				this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.acceptor = new Thread(() -> {
				while (!this.server.isClosed()) {
					try {
						this.accepted.add(this.server.accept());
					}
					catch (IOException ex) {
						// closed
					}
				}
			}, "otlp-black-hole");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		String endpoint() {
			return OtlpBackends.endpoint(this.server.getLocalPort());
		}

		int connections() {
			return this.accepted.size();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket socket : this.accepted) {
				socket.close();
			}
		}

	}

}
