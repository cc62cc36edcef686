package io.github.correlation.benchmarks;

import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.github.correlation.logging.events.SpanEventAppender;
import io.github.correlation.logging.events.SpanEventLimits;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
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
 * What turning log lines into span events costs a line, in the same JVM: one span,
 * current while one line is written through Logback to an appender that formats the
 * message (as a console encoder would), on a logger context with the starter's
 * {@link SpanEventAppender} on the root logger against one without. INFO lines should
 * cost the same on both (the appender returns on the level first); a WARN line pays for
 * one event. {@code spanOnly} is the span without a line. Report
 * {@code withEvents - plain} per level, and the ratios.
 *
 * @author Correlation contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SpanEventsBenchmark {

	private SdkTracerProvider tracerProvider;

	private Tracer tracer;

	private Logger plain;

	private Logger withEvents;

	@Setup
	public void setUp() {
		this.tracerProvider = SdkTracerProvider.builder()
			.setSampler(Sampler.alwaysOn())
			.addSpanProcessor(BatchSpanProcessor.builder(new DroppingSpanExporter()).build())
			.build();
		this.tracer = this.tracerProvider.get("benchmark");
		this.plain = logger(false);
		this.withEvents = logger(true);
	}

	@TearDown
	public void tearDown() {
		this.tracerProvider.close();
	}

	@Benchmark
	public Span spanOnly() {
		Span span = this.tracer.spanBuilder("http post /payments/authorize").startSpan();
		span.end();
		return span;
	}

	@Benchmark
	public Span infoPlain() {
		return inSpan(this.plain, Level.INFO);
	}

	@Benchmark
	public Span infoWithEvents() {
		return inSpan(this.withEvents, Level.INFO);
	}

	@Benchmark
	public Span warnPlain() {
		return inSpan(this.plain, Level.WARN);
	}

	@Benchmark
	public Span warnWithEvents() {
		return inSpan(this.withEvents, Level.WARN);
	}

	private Span inSpan(Logger logger, Level level) {
		Span span = this.tracer.spanBuilder("http post /payments/authorize").startSpan();
		try (io.opentelemetry.context.Scope current = span.makeCurrent()) {
			if (level == Level.WARN) {
				logger.warn("card {} declined for order {}", "****0002", "5c0b62f9");
			}
			else {
				logger.info("authorizing {} cents for order {}", 2598, "5c0b62f9");
			}
		}
		finally {
			span.end();
		}
		return span;
	}

	private static Logger logger(boolean withEvents) {
		LoggerContext context = new LoggerContext();
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.INFO);
		FormattingSink sink = new FormattingSink();
		sink.setContext(context);
		sink.start();
		root.addAppender(sink);
		if (withEvents) {
			SpanEventAppender events = new SpanEventAppender(Level.WARN, SpanEventLimits.DEFAULTS);
			events.setContext(context);
			events.start();
			root.addAppender(events);
		}
		return context.getLogger("io.github.correlation.samples.payments.AuthorizationController");
	}

	/**
	 * Formats every line and keeps nothing, as a console appender minus the console.
	 */
	static final class FormattingSink extends UnsynchronizedAppenderBase<ILoggingEvent> {

		private int length;

		@Override
		protected void append(ILoggingEvent event) {
			this.length += event.getFormattedMessage().length();
		}

	}

}
