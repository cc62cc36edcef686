package com.acme.audit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.correlation.audit.AuditingSampler;
import io.github.correlation.audit.CallSites;
import io.github.correlation.audit.ContextAudit;
import io.github.correlation.audit.CorrelationReport;
import io.github.correlation.audit.CorrelationReport.ContextLoss;
import io.github.correlation.audit.ExpectedRoot;
import io.github.correlation.audit.RootSpanAudit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root-span audit on a real OpenTelemetry SDK. The test lives outside the starter's
 * packages so that its own frames are the application code the audit names.
 */
@ExtendWith(OutputCaptureExtension.class)
class RootSpanAuditTests {

	private final MutableClock clock = new MutableClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ContextAudit audit = new ContextAudit(() -> this.meters, Duration.ofMinutes(1), this.clock);

	private final CorrelationReport report = new CorrelationReport(this.audit, List::of);

	private SdkTracerProvider provider;

	@AfterEach
	void close() {
		if (this.provider != null) {
			this.provider.close();
		}
	}

	@Test
	void aClientRootAfterReadyIsALossNamedByItsFinalNameThreadAndSite(CapturedOutput output) throws Exception {
		Tracer tracer = tracer(Sampler.alwaysOn());
		this.audit.ready();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			executor.submit(() -> startAndRename(tracer, SpanKind.CLIENT)).get();
		}
		finally {
			executor.shutdown();
		}
		ContextLoss loss = single();
		assertThat(loss.kind()).isEqualTo("client");
		assertThat(loss.span()).isEqualTo("http get");
		assertThat(loss.thread()).startsWith("pool-").endsWith("-thread-1");
		assertThat(loss.site()).startsWith("com.acme.audit.RootSpanAuditTests.startAndRename(RootSpanAuditTests.java:");
		assertThat(output).contains("WARN")
			.contains("context lost: client span 'http get' started without a parent " + "on thread '" + loss.thread()
					+ "' at " + loss.site()
					+ " - hand the work to an executor bean, or wrap it with TaskContext.wrap(...)");
		assertThat(
				this.meters.get(ContextAudit.LOST_METER).tags("kind", "client", "span", "http get").counter().count())
			.isOne();
	}

	@Test
	void spansWithAParentAreNeverReported() {
		Tracer tracer = tracer(Sampler.alwaysOn());
		this.audit.ready();
		Span server = tracer.spanBuilder("http get /orders").setSpanKind(SpanKind.SERVER).startSpan();
		try (Scope scope = server.makeCurrent()) {
			startAndRename(tracer, SpanKind.CLIENT);
			startAndRename(tracer, SpanKind.INTERNAL);
		}
		server.end();
		assertThat(this.report.report().isClean()).isTrue();
	}

	@Test
	void serverAndConsumerRootsAreWhereTracesBegin() {
		Tracer tracer = tracer(Sampler.alwaysOn());
		this.audit.ready();
		startAndRename(tracer, SpanKind.SERVER);
		startAndRename(tracer, SpanKind.CONSUMER);
		assertThat(this.report.report().contextLosses()).isEmpty();
	}

	@Test
	void rootsBeforeReadyAreCountedApartNeverAsLosses() {
		Tracer tracer = tracer(Sampler.alwaysOn());
		startAndRename(tracer, SpanKind.CLIENT);
		CorrelationReport.Report before = this.report.report();
		assertThat(before.contextLosses()).isEmpty();
		assertThat(before.startupRoots()).containsExactly(new CorrelationReport.StartupRoot("client", "http get", 1));
	}

	@Test
	void rootsOfWorkDeclaredToStartTracesAreExpected() {
		Tracer tracer = tracer(Sampler.alwaysOn());
		this.audit.ready();
		ExpectedRoot.run(() -> startAndRename(tracer, SpanKind.INTERNAL));
		assertThat(ExpectedRoot.isDeclared()).isFalse();
		assertThat(this.report.report().contextLosses()).isEmpty();
	}

	@Test
	void rootsNamedAsExpectedAreMatchedOnTheirFinalName() {
		Tracer tracer = tracer(Sampler.alwaysOn(), "http g*");
		this.audit.ready();
		startAndRename(tracer, SpanKind.CLIENT);
		tracer.spanBuilder("nightly export").startSpan().end();
		assertThat(this.report.report().contextLosses()).extracting(ContextLoss::span)
			.containsExactly("nightly export");
	}

	@Test
	void rootsTheSamplerDropsAreAuditedAndStayUnsampled() {
		Tracer tracer = tracer(Sampler.alwaysOff());
		this.audit.ready();
		Span span = tracer.spanBuilder("").setSpanKind(SpanKind.PRODUCER).startSpan();
		span.updateName("orders send");
		span.end();
		assertThat(span.getSpanContext().isSampled()).isFalse();
		assertThat(single().kind()).isEqualTo("producer");
		Span child = tracer.spanBuilder("child")
			.setParent(io.opentelemetry.context.Context.root().with(span))
			.startSpan();
		assertThat(child.isRecording()).isFalse();
	}

	@Test
	void reportsAgainAtMostOncePerIntervalWithTheCountSince(CapturedOutput output) {
		Tracer tracer = tracer(Sampler.alwaysOn());
		this.audit.ready();
		startAndRename(tracer, SpanKind.CLIENT);
		startAndRename(tracer, SpanKind.CLIENT);
		startAndRename(tracer, SpanKind.CLIENT);
		assertThat(output.toString().split("context lost: ", -1)).hasSize(2);
		this.clock.advance(Duration.ofSeconds(61));
		startAndRename(tracer, SpanKind.CLIENT);
		assertThat(output.toString().split("context lost: ", -1)).hasSize(3);
		assertThat(output).contains("(3 times since the last report)");
		assertThat(single().count()).isEqualTo(4);
	}

	@Test
	void resetForgetsWhatWasFound() {
		Tracer tracer = tracer(Sampler.alwaysOn());
		this.audit.ready();
		startAndRename(tracer, SpanKind.CLIENT);
		this.report.reset();
		assertThat(this.report.report().isClean()).isTrue();
	}

	private Tracer tracer(Sampler sampler, String... expectedRoots) {
		this.provider = SdkTracerProvider.builder()
			.setSampler(new AuditingSampler(sampler))
			.addSpanProcessor(new RootSpanAudit(this.audit, new CallSites(List.of(), 128), List.of(expectedRoots)))
			.build();
		return this.provider.get("test");
	}

	// Observations start spans without a name and name them when they stop.
	private static void startAndRename(Tracer tracer, SpanKind kind) {
		Span span = tracer.spanBuilder("").setSpanKind(kind).startSpan();
		span.updateName("http get");
		span.end();
	}

	private ContextLoss single() {
		List<ContextLoss> losses = this.report.report().contextLosses();
		assertThat(losses).hasSize(1);
		return losses.get(0);
	}

}
