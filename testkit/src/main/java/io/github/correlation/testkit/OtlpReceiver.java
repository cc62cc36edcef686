package io.github.correlation.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * An in-process OTLP/HTTP receiver that keeps every span it is sent, for tests and demos.
 * Point an exporter at {@link #tracesEndpoint()} (or a base endpoint setting at
 * {@link #baseUrl()}), then inspect {@link #spans()} or wait for a whole trace with
 * {@link #awaitTrace(String, Predicate, Duration)}.
 * <p>
 * Only the binary protobuf encoding is understood, optionally gzip-compressed, which is
 * what OpenTelemetry SDKs send by default. Metrics and logs are acknowledged and dropped.
 * The receiver listens on {@code 127.0.0.1} only.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class OtlpReceiver implements AutoCloseable {

	/**
	 * How long {@link #awaitTrace(String, Predicate, Duration)} waits for late spans once
	 * the trace is complete.
	 */
	public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMillis(500);

	private static final String ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";

	private static final int HANDLER_THREADS = 4;

	private final SpanStore store = new SpanStore();

	private final HttpServer server;

	private final ExecutorService executor;

	private volatile @Nullable Forwarder forwarder;

	private OtlpReceiver(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
		server.createContext("/", new OtlpHttpHandler(this.store, () -> this.forwarder));
		server.setExecutor(executor);
		server.start();
	}

	/**
	 * Start a receiver on a random free port.
	 * @return the running receiver
	 */
	public static OtlpReceiver start() {
		return start(0);
	}

	/**
	 * Start a receiver on the given port.
	 * @param port the port to listen on, or {@code 0} for a random free port
	 * @return the running receiver
	 * @throws UncheckedIOException if the port cannot be bound
	 */
	public static OtlpReceiver start(int port) {
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start an OTLP receiver on port " + port, ex);
		}
		AtomicInteger threads = new AtomicInteger();
		// Daemon threads, so that a receiver nobody closed does not keep the JVM alive.
		ExecutorService executor = Executors.newFixedThreadPool(HANDLER_THREADS, (task) -> {
			Thread thread = new Thread(task, "otlp-receiver-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		return new OtlpReceiver(server, executor);
	}

	/**
	 * The port this receiver listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * The base URL, suitable for {@code OTEL_EXPORTER_OTLP_ENDPOINT}.
	 * @return {@code http://127.0.0.1:PORT}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * The traces endpoint, suitable for {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or
	 * {@code management.opentelemetry.tracing.export.otlp.endpoint}.
	 * @return {@code http://127.0.0.1:PORT/v1/traces}
	 */
	public String tracesEndpoint() {
		return baseUrl() + OtlpHttpHandler.TRACES_PATH;
	}

	/**
	 * The logs endpoint, suitable for
	 * {@code management.opentelemetry.logging.export.otlp.endpoint}.
	 * @return {@code http://127.0.0.1:PORT/v1/logs}
	 */
	public String logsEndpoint() {
		return baseUrl() + OtlpHttpHandler.LOGS_PATH;
	}

	/**
	 * All log records received since start or the last {@link #clear()}.
	 * @return a snapshot of the log records, in arrival order
	 */
	public List<ReceivedLogRecord> logRecords() {
		return this.store.logRecords();
	}

	/**
	 * The log records written inside one trace received so far.
	 * @param traceId the trace id, 32 hex characters
	 * @return a snapshot of the trace's log records, in arrival order
	 */
	public List<ReceivedLogRecord> logRecords(String traceId) {
		String normalized = normalize(traceId);
		return logRecords().stream().filter((record) -> record.traceId().equals(normalized)).toList();
	}

	/**
	 * All spans received since start or the last {@link #clear()}.
	 * @return a snapshot of the spans, in arrival order
	 */
	public List<ReceivedSpan> spans() {
		return this.store.spans();
	}

	/**
	 * The ids of all traces received since start or the last {@link #clear()}.
	 * @return a snapshot of the trace ids, in order of first arrival
	 */
	public Set<String> traceIds() {
		return this.store.traceIds();
	}

	/**
	 * The spans of one trace received so far.
	 * @param traceId the trace id, 32 hex characters
	 * @return a snapshot of the trace, empty if no span of it has arrived
	 */
	public Trace trace(String traceId) {
		return this.store.trace(normalize(traceId));
	}

	/**
	 * The number of requests received on the traces endpoint, including rejected ones,
	 * since start or the last {@link #clear()}.
	 * @return the number of trace export requests
	 */
	public int requestCount() {
		return this.store.requestCount();
	}

	/**
	 * Forget all received spans and log records and reset the request count.
	 */
	public void clear() {
		this.store.clear();
	}

	/**
	 * Wait for a trace to be complete, then for {@link #DEFAULT_QUIET_PERIOD} without a
	 * new span of it, so that late spans are not missed.
	 * @param traceId the trace id, 32 hex characters
	 * @param complete when the trace is complete, for example
	 * {@code trace -> trace.spans().size() == 5}
	 * @param timeout how long to wait for the trace to be complete
	 * @return the trace
	 * @throws AssertionError if the trace is not complete in time; the message shows what
	 * arrived
	 * @see #awaitTrace(String, Predicate, Duration, Duration)
	 */
	public Trace awaitTrace(String traceId, Predicate<Trace> complete, Duration timeout) {
		return awaitTrace(traceId, complete, timeout, DEFAULT_QUIET_PERIOD);
	}

	/**
	 * Wait for a trace to be complete, then for a quiet period without a new span of it,
	 * so that late spans are not missed. A trace that keeps growing is returned at the
	 * latest a quiet period after the timeout.
	 * @param traceId the trace id, 32 hex characters
	 * @param complete when the trace is complete
	 * @param timeout how long to wait for the trace to be complete
	 * @param quietPeriod how long no new span must arrive once the trace is complete
	 * @return the trace
	 * @throws AssertionError if the trace is not complete in time; the message shows what
	 * arrived
	 */
	public Trace awaitTrace(String traceId, Predicate<Trace> complete, Duration timeout, Duration quietPeriod) {
		return this.store.await(normalize(traceId), complete, timeout, quietPeriod);
	}

	/**
	 * Also send every trace export request this receiver accepts, unchanged, to another
	 * OTLP/HTTP endpoint such as a collector or Jaeger. Forwarding happens in the
	 * background; a failure is reported once on {@code System.err} and never changes this
	 * receiver's answers. Replaces an earlier target.
	 * @param otlpBaseEndpoint the base endpoint, such as {@code http://localhost:4318};
	 * {@code /v1/traces} is appended
	 * @return this receiver
	 * @throws IllegalArgumentException if the endpoint is not an http(s) URI or is this
	 * receiver
	 */
	public OtlpReceiver forwardTo(URI otlpBaseEndpoint) {
		Forwarder replacement = new Forwarder(otlpBaseEndpoint, port());
		Forwarder previous = this.forwarder;
		this.forwarder = replacement;
		if (previous != null) {
			previous.close();
		}
		return this;
	}

	/**
	 * The forwarding target configured by the standard
	 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} environment variable, for use with
	 * {@link #forwardTo(URI)}.
	 * @return the endpoint, or {@code null} if the variable is not set or blank
	 */
	public static @Nullable URI forwardingTargetFromEnvironment() {
		return Forwarder.target(System.getenv(ENDPOINT_VARIABLE));
	}

	/**
	 * Stop listening and stop forwarding, after giving pending forwards a moment to
	 * complete.
	 */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		Forwarder forwarder = this.forwarder;
		if (forwarder != null) {
			forwarder.close();
		}
	}

	private static String normalize(String traceId) {
		return traceId.trim().toLowerCase(Locale.ROOT);
	}

}
