package io.github.correlation.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.correlation.RequestIdGenerator;
import io.github.correlation.logging.MdcKeys;
import io.github.correlation.logging.SpanMdcEventListener;
import io.github.correlation.requestid.RequestIdPolicy;
import io.github.correlation.w3c.W3cConformingPropagator;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeAttachedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeClosedEvent;
import io.micrometer.tracing.otel.bridge.Slf4JEventListener;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-request hot paths next to what they stand on, in the same JVM: extracting and
 * injecting {@code traceparent}/{@code tracestate} with the W3C rules against
 * OpenTelemetry's own W3C propagator; one scope (attach, then close) through the
 * starter's MDC listener against Micrometer's; request id validation and generation.
 * Report the ratios {@code conforming / otel} and {@code starterMdc / micrometerMdc}.
 *
 * @author Correlation contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class HotPathBenchmark {

	private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
			return (carrier != null) ? carrier.get(key) : null;
		}

	};

	private final TextMapPropagator otel = W3CTraceContextPropagator.getInstance();

	private final TextMapPropagator conforming = new W3cConformingPropagator(W3CTraceContextPropagator.getInstance());

	private final Map<String, String> headers = Map.of("traceparent",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate",
			"congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");

	private final Context context = Context.root()
		.with(Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.builder().put("congo", "t61rcWkgMzE").build())));

	private final Slf4JEventListener micrometerMdc = new Slf4JEventListener();

	private final SpanMdcEventListener starterMdc = new SpanMdcEventListener(
			new MdcKeys("trace_id", "span_id", "trace_flags"));

	private final ScopeAttachedEvent attached = new ScopeAttachedEvent(this.context);

	private final ScopeClosedEvent closed = new ScopeClosedEvent();

	private final RequestIdPolicy policy = new RequestIdPolicy(RequestIdPolicy.DEFAULT_MAX_LENGTH);

	private final RequestIdGenerator generator = RequestIdGenerator.randomUuid();

	@Benchmark
	public Context extractOtel() {
		return this.otel.extract(Context.root(), this.headers, GETTER);
	}

	@Benchmark
	public Context extractConforming() {
		return this.conforming.extract(Context.root(), this.headers, GETTER);
	}

	@Benchmark
	public Map<String, String> injectOtel() {
		Map<String, String> carrier = new HashMap<>();
		this.otel.inject(this.context, carrier, Map::put);
		return carrier;
	}

	@Benchmark
	public Map<String, String> injectConforming() {
		Map<String, String> carrier = new HashMap<>();
		this.conforming.inject(this.context, carrier, Map::put);
		return carrier;
	}

	@Benchmark
	public void scopeMicrometerMdc() {
		this.micrometerMdc.onEvent(this.attached);
		this.micrometerMdc.onEvent(this.closed);
	}

	@Benchmark
	public void scopeStarterMdc() {
		this.starterMdc.onEvent(this.attached);
		this.starterMdc.onEvent(this.closed);
	}

	@Benchmark
	public boolean requestIdValidation() {
		return this.policy.isValid("lb-4711-9f1c2a7e-0b3d-4c55-8e21-1a2b3c4d5e6f");
	}

	@Benchmark
	public void requestIdGeneration(Blackhole blackhole) {
		blackhole.consume(this.generator.generate());
	}

}
