package io.github.correlation.export;

import java.io.Closeable;
import java.util.Collection;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.ExemplarFilter;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;

/**
 * A {@link MeterProvider} for the OpenTelemetry SDK's own telemetry: give it to a
 * {@code BatchSpanProcessor} and a span exporter (Boot does so with a bean of this type)
 * and it totals the spans they dropped, failed to export and exported, read on demand.
 * <p>
 * It records into a private {@link SdkMeterProvider} with one reader of its own, never
 * into the application's {@code OpenTelemetry}: nothing is exported, nothing is collected
 * until a total is asked for, and what a span costs is what the SDK records for it
 * anyway. Both schemas of the SDK's telemetry are read: the legacy one that Boot's
 * processor and exporters use ({@code processedSpans}, {@code queueSize},
 * {@code otlp.exporter.exported}) and the semantic conventions
 * ({@code otel.sdk.processor.span.*}, {@code otel.sdk.exporter.span.exported}).
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ExportMeterProvider implements MeterProvider, Closeable {

	private static final String TRACE_SCOPE = "io.opentelemetry.sdk.trace";

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private static final AttributeKey<String> PROCESSOR_TYPE = AttributeKey.stringKey("processorType");

	private static final AttributeKey<String> TYPE = AttributeKey.stringKey("type");

	private static final AttributeKey<Boolean> SUCCESS = AttributeKey.booleanKey("success");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private static final String BATCH_SPAN_PROCESSOR = "BatchSpanProcessor";

	private final Reader reader = new Reader();

	private final SdkMeterProvider meterProvider;

	/**
	 * Create a new instance.
	 */
	public ExportMeterProvider() {
		// No exemplars: recording a span's count must not look at the current span.
		this.meterProvider = SdkMeterProvider.builder()
			.setExemplarFilter(ExemplarFilter.alwaysOff())
			.registerMetricReader(this.reader)
			.build();
	}

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		return this.meterProvider.meterBuilder(instrumentationScopeName);
	}

	/**
	 * Spans that a batch span processor dropped because its queue was full.
	 * @return the total so far
	 */
	public long droppedSpans() {
		Collection<MetricData> collected = this.reader.collect();
		return sum(collected, (metric) -> isTraceScope(metric) && metric.getName().equals("processedSpans"),
				(point) -> Boolean.TRUE.equals(point.getAttributes().get(DROPPED)))
				+ sum(collected,
						(metric) -> isTraceScope(metric)
								&& metric.getName().equals("otel.sdk.processor.span.processed"),
						(point) -> "queue_full".equals(point.getAttributes().get(ERROR_TYPE)));
	}

	/**
	 * Spans whose export failed: the exporter gave up on them (refused, timed out or
	 * rejected by the backend).
	 * @return the total so far
	 */
	public long failedSpans() {
		return exported(false);
	}

	/**
	 * Spans that were exported successfully.
	 * @return the total so far
	 */
	public long exportedSpans() {
		return exported(true);
	}

	/**
	 * Spans waiting in the queues of the batch span processors.
	 * @return the current number
	 */
	public long queuedSpans() {
		Collection<MetricData> collected = this.reader.collect();
		return sum(collected, (metric) -> isTraceScope(metric) && metric.getName().equals("queueSize"),
				(point) -> BATCH_SPAN_PROCESSOR.equals(point.getAttributes().get(PROCESSOR_TYPE)))
				+ sum(collected, (metric) -> isTraceScope(metric)
						&& metric.getName().equals("otel.sdk.processor.span.queue.size"), (point) -> true);
	}

	private long exported(boolean success) {
		Collection<MetricData> collected = this.reader.collect();
		long legacy = sum(collected, (metric) -> metric.getName().endsWith(".exporter.exported"),
				(point) -> "span".equals(point.getAttributes().get(TYPE))
						&& Boolean.valueOf(success).equals(point.getAttributes().get(SUCCESS)));
		long semanticConventions = sum(collected,
				(metric) -> metric.getName().equals("otel.sdk.exporter.span.exported"),
				(point) -> (point.getAttributes().get(ERROR_TYPE) == null) == success);
		return legacy + semanticConventions;
	}

	private static boolean isTraceScope(MetricData metric) {
		return TRACE_SCOPE.equals(metric.getInstrumentationScopeInfo().getName());
	}

	private static long sum(Collection<MetricData> collected, Predicate<MetricData> metrics,
			Predicate<PointData> points) {
		long total = 0;
		for (MetricData metric : collected) {
			if (metrics.test(metric)) {
				for (PointData point : metric.getData().getPoints()) {
					if (points.test(point)) {
						total += value(point);
					}
				}
			}
		}
		return total;
	}

	private static long value(PointData point) {
		if (point instanceof LongPointData longPoint) {
			return longPoint.getValue();
		}
		if (point instanceof DoublePointData doublePoint) {
			return (long) doublePoint.getValue();
		}
		return 0;
	}

	/**
	 * Shut the private meter provider down.
	 */
	@Override
	public void close() {
		this.meterProvider.close();
	}

	@Override
	public String toString() {
		return "ExportMeterProvider";
	}

	/**
	 * The one reader: collects when asked, cumulative totals.
	 */
	private static final class Reader implements MetricReader {

		private volatile CollectionRegistration registration = CollectionRegistration.noop();

		@Override
		public void register(CollectionRegistration registration) {
			this.registration = registration;
		}

		Collection<MetricData> collect() {
			return this.registration.collectAllMetrics();
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return AggregationTemporality.CUMULATIVE;
		}

		@Override
		public CompletableResultCode forceFlush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			this.registration = CollectionRegistration.noop();
			return CompletableResultCode.ofSuccess();
		}

	}

}
