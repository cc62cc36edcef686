package io.github.correlation.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads traces back from Jaeger's HTTP query API, the one its UI uses, as the same
 * {@link Trace} snapshots that {@link OtlpReceiver} produces: span kind and status come
 * from the {@code span.kind}, {@code otel.status_code} and {@code error} tags, the other
 * tags become attributes, the {@code CHILD_OF} reference within the trace becomes the
 * parent and every other reference a link.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class JaegerQueryClient {

	/**
	 * How often {@link #awaitTrace(String, Predicate, Duration)} asks Jaeger again.
	 */
	public static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final int MAX_QUOTED_BODY = 200;

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private final String baseUrl;

	private final HttpClient client;

	/**
	 * Create a client for the Jaeger query API at the given base URL.
	 * @param baseUrl the base URL, such as {@code http://localhost:16686}
	 * @throws IllegalArgumentException if the URL is not an http(s) URL
	 */
	public JaegerQueryClient(String baseUrl) {
		Objects.requireNonNull(baseUrl, "baseUrl");
		String scheme = String.valueOf(URI.create(baseUrl).getScheme()).toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new IllegalArgumentException("Not an http(s) URL: " + baseUrl);
		}
		this.baseUrl = baseUrl.replaceAll("/+$", "");
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(CONNECT_TIMEOUT)
			.build();
	}

	/**
	 * The base URL of the query API.
	 * @return the base URL, without a trailing slash
	 */
	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * The spans of one trace that Jaeger has stored so far.
	 * @param traceId the trace id, up to 32 hex characters
	 * @return the trace, or empty if Jaeger knows no span of it
	 * @throws IllegalArgumentException if the trace id is not hex
	 * @throws JaegerQueryException if Jaeger cannot be reached or answers unexpectedly
	 */
	public Optional<Trace> trace(String traceId) {
		String id = JaegerTraceMapper.normalizeId(traceId, 32);
		return get("/api/traces/" + id, (json) -> JaegerTraceMapper.trace(id, json), Optional.empty());
	}

	/**
	 * Wait until Jaeger, which stores and indexes spans asynchronously, has a complete
	 * trace, asking every {@link #POLL_INTERVAL}.
	 * @param traceId the trace id, up to 32 hex characters
	 * @param complete when the trace is complete, for example
	 * {@code trace -> trace.spans().size() == 5}
	 * @param timeout how long to wait
	 * @return the complete trace
	 * @throws AssertionError if the trace is not complete in time; the message shows what
	 * Jaeger had
	 * @throws JaegerQueryException if Jaeger cannot be reached or answers unexpectedly
	 */
	public Trace awaitTrace(String traceId, Predicate<Trace> complete, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Optional<Trace> trace = trace(traceId);
			if (trace.isPresent() && complete.test(trace.get())) {
				return trace.get();
			}
			if (System.nanoTime() - deadline >= 0) {
				throw new AssertionError("Trace " + traceId + " did not complete within " + timeout + " in Jaeger at "
						+ this.baseUrl
						+ trace.map((found) -> " (" + found.spans().size() + " spans so far):\n" + found.waterfall())
							.orElse(" (no span of it found)"));
			}
			sleep(Math.min(POLL_INTERVAL.toNanos(), deadline - System.nanoTime()));
		}
	}

	/**
	 * The names of the services that Jaeger has received spans from.
	 * @return the service names, in Jaeger's order
	 * @throws JaegerQueryException if Jaeger cannot be reached or answers unexpectedly
	 */
	public List<String> services() {
		return get("/api/services", JaegerTraceMapper::services, null);
	}

	// Returns notFound on a 404, which Jaeger answers for an unknown trace.
	private <T> T get(String path, Function<JsonNode, T> mapper, @Nullable T notFound) {
		URI uri = URI.create(this.baseUrl + path);
		HttpResponse<String> response = send(uri);
		if (response.statusCode() == 404 && notFound != null) {
			return notFound;
		}
		if (response.statusCode() != 200) {
			throw new JaegerQueryException(
					"Jaeger answered GET " + uri + " with HTTP " + response.statusCode() + ": " + quote(response));
		}
		try {
			return mapper.apply(MAPPER.readTree(response.body()));
		}
		catch (JacksonException ex) {
			throw new JaegerQueryException("Jaeger answered GET " + uri + " with malformed JSON ("
					+ ex.getOriginalMessage() + "): " + quote(response), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new JaegerQueryException(
					"Jaeger answered GET " + uri + " with JSON of an unexpected shape: " + ex.getMessage(), ex);
		}
	}

	private HttpResponse<String> send(URI uri) {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new JaegerQueryException("Cannot reach Jaeger at " + uri + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JaegerQueryException("Interrupted while querying Jaeger at " + uri, ex);
		}
	}

	private static String quote(HttpResponse<String> response) {
		String body = response.body();
		return (body.length() > MAX_QUOTED_BODY) ? body.substring(0, MAX_QUOTED_BODY) + "..." : body;
	}

	private static void sleep(long nanos) {
		try {
			TimeUnit.NANOSECONDS.sleep(Math.max(0, nanos));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a trace in Jaeger", ex);
		}
	}

}
