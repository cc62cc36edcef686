package io.github.correlation.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves recorded answers of Jaeger's query API on a loopback port. Answers for a path
 * are given in turn, the last one repeating; unknown paths get Jaeger's 404.
 */
final class JaegerQueryStub implements AutoCloseable {

	private static final String NOT_FOUND = resource("trace-not-found.json");

	private final HttpServer server;

	private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private JaegerQueryStub(HttpServer server) {
		this.server = server;
		server.createContext("/", this::handle);
		server.start();
	}

	static JaegerQueryStub start() {
		try {
			return new JaegerQueryStub(
					HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String resource(String name) {
		try (InputStream in = JaegerQueryStub.class.getResourceAsStream("/jaeger/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No test resource jaeger/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	JaegerQueryStub answer(String path, int status, String body) {
		this.answers.computeIfAbsent(path, (key) -> new ArrayDeque<>()).add(new Answer(status, body));
		return this;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<String> requests() {
		return this.requests;
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		this.requests.add(exchange.getRequestMethod() + " " + path);
		Answer answer = next(path);
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(answer.status(), (body.length > 0) ? body.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private Answer next(String path) {
		Deque<Answer> queue = this.answers.get(path);
		if (queue == null) {
			return new Answer(404, NOT_FOUND);
		}
		synchronized (queue) {
			return (queue.size() > 1) ? queue.poll() : queue.peek();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private record Answer(int status, String body) {

	}

}
