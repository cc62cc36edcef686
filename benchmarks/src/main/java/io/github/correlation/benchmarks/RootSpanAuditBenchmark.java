package io.github.correlation.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.correlation.audit.AuditingSampler;
import io.github.correlation.audit.CallSites;
import io.github.correlation.audit.ContextAudit;
import io.github.correlation.audit.RootSpanAudit;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the propagation audit adds to a span's start and end, in the same JVM: a child
 * span and a server root (the normal path) on a tracer with the audit against one
 * without. Report the ratios {@code audited / plain}. The lost-context path (a client
 * root, with its stack walk) is measured too, to show what a report costs; it is not on
 * the normal path.
 *
 * @author Correlation contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class RootSpanAuditBenchmark {

	private SdkTracerProvider plainProvider;

	private SdkTracerProvider auditedProvider;

	private Tracer plain;

	private Tracer audited;

	private Context plainParent;

	private Context auditedParent;

	@Setup
	public void setUp() {
		// Sampled, as in the load runs (probability 1.0), through Boot's batch processor
		// to
		// an exporter that drops everything: what differs is the audit.
		this.plainProvider = SdkTracerProvider.builder()
			.setSampler(Sampler.alwaysOn())
			.addSpanProcessor(batch())
			.build();
		ContextAudit audit = new ContextAudit(() -> null, Duration.ofMinutes(1), Clock.systemUTC());
		audit.ready();
		this.auditedProvider = SdkTracerProvider.builder()
			.setSampler(new AuditingSampler(Sampler.alwaysOn()))
			.addSpanProcessor(batch())
			.addSpanProcessor(new RootSpanAudit(audit, new CallSites(List.of(), 128), List.of()))
			.build();
		this.plain = this.plainProvider.get("benchmark");
		this.audited = this.auditedProvider.get("benchmark");
		this.plainParent = Context.root().with(this.plain.spanBuilder("parent").startSpan());
		this.auditedParent = Context.root().with(this.audited.spanBuilder("parent").startSpan());
	}

	@TearDown
	public void tearDown() {
		this.plainProvider.close();
		this.auditedProvider.close();
	}

	@Benchmark
	public Span childPlain() {
		return child(this.plain, this.plainParent);
	}

	@Benchmark
	public Span childAudited() {
		return child(this.audited, this.auditedParent);
	}

	@Benchmark
	public Span serverRootPlain() {
		return root(this.plain, SpanKind.SERVER);
	}

	@Benchmark
	public Span serverRootAudited() {
		return root(this.audited, SpanKind.SERVER);
	}

	@Benchmark
	public Span lostClientRootAudited() {
		return root(this.audited, SpanKind.CLIENT);
	}

	private static SpanProcessor batch() {
		return BatchSpanProcessor.builder(new DroppingSpanExporter()).build();
	}

	private static Span child(Tracer tracer, Context parent) {
		Span span = tracer.spanBuilder("").setParent(parent).setSpanKind(SpanKind.CLIENT).startSpan();
		span.updateName("http get");
		span.end();
		return span;
	}

	private static Span root(Tracer tracer, SpanKind kind) {
		Span span = tracer.spanBuilder("").setSpanKind(kind).startSpan();
		span.updateName("http get /orders");
		span.end();
		return span;
	}

}
