package io.github.correlation.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP endpoint that accepts every export and only counts it, so that exporting
 * costs the application what it costs against a real collector, and the load run's own
 * CPU use stays small.
 *
 * @author Correlation contributors
 */
final class OtlpSink implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	private final AtomicLong exports = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();

	private OtlpSink(HttpServer server) {
		this.server = server;
	}

	static OtlpSink start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
		OtlpSink sink = new OtlpSink(server);
		server.createContext("/", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				sink.bytes.addAndGet(body.transferTo(OutputStream.nullOutputStream()));
			}
			sink.exports.incrementAndGet();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.setExecutor(sink.executor);
		server.start();
		return sink;
	}

	/**
	 * Return the base URL of the sink, for {@code OTEL_EXPORTER_OTLP_ENDPOINT}.
	 * @return the URL
	 */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	long exports() {
		return this.exports.get();
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
