package io.github.correlation.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.correlation.testkit.OtlpTraceDecoder.MalformedRequestException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import org.jspecify.annotations.Nullable;

/**
 * The OTLP/HTTP endpoints of {@link OtlpReceiver}: traces are decoded and stored, metrics
 * and logs are acknowledged and dropped, so that services exporting all three signals see
 * no errors.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
final class OtlpHttpHandler implements HttpHandler {

	static final String TRACES_PATH = "/v1/traces";

	static final String LOGS_PATH = "/v1/logs";

	private static final List<String> IGNORED_PATHS = List.of("/v1/metrics");

	private static final String PROTOBUF = "application/x-protobuf";

	private static final byte[] EMPTY_RESPONSE = ExportTraceServiceResponse.getDefaultInstance().toByteArray();

	private final SpanStore store;

	private final Supplier<@Nullable Forwarder> forwarder;

	OtlpHttpHandler(SpanStore store, Supplier<@Nullable Forwarder> forwarder) {
		this.store = store;
		this.forwarder = forwarder;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try {
			// Read the body in every case so that the connection can be reused.
			byte[] body = exchange.getRequestBody().readAllBytes();
			String path = exchange.getRequestURI().getPath();
			if (!TRACES_PATH.equals(path) && !LOGS_PATH.equals(path) && !IGNORED_PATHS.contains(path)) {
				respond(exchange, 404, "Not found: " + path);
			}
			else if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().set("Allow", "POST");
				respond(exchange, 405, "Method not allowed: " + exchange.getRequestMethod());
			}
			else if (TRACES_PATH.equals(path)) {
				receiveTraces(exchange, body);
			}
			else if (LOGS_PATH.equals(path)) {
				receiveLogs(exchange, body);
			}
			else {
				respond(exchange, 200, null, EMPTY_RESPONSE);
			}
		}
		catch (RuntimeException ex) {
			respond(exchange, 500, ex.toString());
		}
		finally {
			exchange.close();
		}
	}

	private void receiveTraces(HttpExchange exchange, byte[] body) throws IOException {
		this.store.countRequest();
		List<ReceivedSpan> spans = decode(exchange, body, OtlpTraceDecoder::decode);
		if (spans == null) {
			return;
		}
		this.store.add(spans);
		Forwarder forwarder = this.forwarder.get();
		if (forwarder != null) {
			forwarder.forward(body, exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("Content-Encoding"));
		}
		respond(exchange, 200, PROTOBUF, EMPTY_RESPONSE);
	}

	private void receiveLogs(HttpExchange exchange, byte[] body) throws IOException {
		List<ReceivedLogRecord> records = decode(exchange, body, OtlpLogDecoder::decode);
		if (records != null) {
			this.store.addLogs(records);
			respond(exchange, 200, PROTOBUF, EMPTY_RESPONSE);
		}
	}

	// The decoded items, or null once the request was answered with the reason it
	// cannot be decoded
	private static <T> @Nullable List<T> decode(HttpExchange exchange, byte[] body, Decoder<T> decoder)
			throws IOException {
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
			respond(exchange, 415, "Only application/x-protobuf is supported, not " + contentType);
			return null;
		}
		try {
			return decoder.decode(decompress(body, exchange.getRequestHeaders().getFirst("Content-Encoding")));
		}
		catch (MalformedRequestException ex) {
			respond(exchange, 400, ex.getMessage());
		}
		catch (UnsupportedContentEncodingException ex) {
			respond(exchange, 415, ex.getMessage());
		}
		return null;
	}

	private static byte[] decompress(byte[] body, @Nullable String contentEncoding)
			throws MalformedRequestException, UnsupportedContentEncodingException {
		String encoding = (contentEncoding != null) ? contentEncoding.trim().toLowerCase(Locale.ROOT) : "";
		if (encoding.isEmpty() || encoding.equals("identity")) {
			return body;
		}
		if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
			throw new UnsupportedContentEncodingException("Unsupported Content-Encoding: " + contentEncoding);
		}
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new MalformedRequestException("Body is not valid gzip: " + ex.getMessage());
		}
	}

	private static void respond(HttpExchange exchange, int status, String message) throws IOException {
		respond(exchange, status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
	}

	private static void respond(HttpExchange exchange, int status, @Nullable String contentType, byte[] body)
			throws IOException {
		if (contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		// -1 announces an empty body, 0 would mean chunked.
		exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private static final class UnsupportedContentEncodingException extends Exception {

		UnsupportedContentEncodingException(String message) {
			super(message);
		}

	}

	@FunctionalInterface
	private interface Decoder<T> {

		List<T> decode(byte[] protobuf) throws MalformedRequestException;

	}

}
