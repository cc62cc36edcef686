package io.github.correlation.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a random loopback port that records every request it receives and
 * answers {@code 200 ok}, or the status a path {@code /status/NNN} names. Stands in for a
 * downstream service.
 */
public final class RecordingHttpServer implements AutoCloseable {

	private final HttpServer server;

	private static final Pattern STATUS_PATH = Pattern.compile("/status/(\\d{3})");

	private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();

	public RecordingHttpServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			Map<String, List<String>> headers = exchange.getRequestHeaders()
				.entrySet()
				.stream()
				.collect(Collectors.toMap((entry) -> entry.getKey().toLowerCase(Locale.ROOT),
						(entry) -> List.copyOf(entry.getValue())));
			this.requests
				.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers));
			byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status(exchange.getRequestURI().getPath()), body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	// A path /status/NNN answers NNN, any other 200
	private static int status(String path) {
		Matcher matcher = STATUS_PATH.matcher(path);
		return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 200;
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public RecordedRequest takeRequest() {
		return takeRequest(Duration.ofSeconds(10));
	}

	public RecordedRequest takeRequest(Duration timeout) {
		try {
			RecordedRequest request = this.requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (request == null) {
				throw new AssertionError("No request received within " + timeout);
			}
			return request;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public List<RecordedRequest> drain() {
		List<RecordedRequest> drained = new ArrayList<>();
		this.requests.drainTo(drained);
		return drained;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A request as the server saw it, header names in lower case.
	 *
	 * @param method the method
	 * @param uri the request URI
	 * @param headers every header value, by lower-case name
	 */
	public record RecordedRequest(String method, String uri, Map<String, List<String>> headers) {

		public List<String> all(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

		public String header(String name) {
			List<String> values = all(name);
			return values.isEmpty() ? null : values.get(0);
		}

	}

}
