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
 * A {@link MeterProvider} for the OpenTelemetry SDK's own telemetry: give it to a batch
 * processor and an exporter, of spans or of log records (Boot does so with a bean of this
 * type for its span processor and its OTLP exporters), and it totals what they dropped,
 * failed to export and exported, read on demand, per {@link Signal}.
 * <p>
 * It records into a private {@link SdkMeterProvider} with one reader of its own, never
 * into the application's {@code OpenTelemetry}: nothing is exported, nothing is collected
 * until a total is asked for, and what a span or a log record costs is what the SDK
 * records for it anyway. Both schemas of the SDK's telemetry are read: the legacy one
 * that the SDK's processors and exporters use by default ({@code processedSpans},
 * {@code processedLogs}, {@code queueSize}, {@code otlp.exporter.exported}) and the
 * semantic conventions ({@code otel.sdk.processor.span.*},
 * {@code otel.sdk.processor.log.*}, {@code otel.sdk.exporter.span.exported},
 * {@code otel.sdk.exporter.log.exported}).
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ExportMeterProvider implements MeterProvider, Closeable {

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private static final AttributeKey<String> PROCESSOR_TYPE = AttributeKey.stringKey("processorType");

	private static final AttributeKey<String> TYPE = AttributeKey.stringKey("type");

	private static final AttributeKey<Boolean> SUCCESS = AttributeKey.booleanKey("success");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

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
	 * Items that a batch processor dropped because its queue was full.
	 * @param signal spans or log records
	 * @return the total so far
	 */
	public long dropped(Signal signal) {
		Collection<MetricData> collected = this.reader.collect();
		return sum(collected, (metric) -> signal.isSdkScope(metric) && metric.getName().equals(signal.legacyProcessed),
				(point) -> Boolean.TRUE.equals(point.getAttributes().get(DROPPED)))
				+ sum(collected,
						(metric) -> signal.isSdkScope(metric)
								&& metric.getName().equals("otel.sdk.processor." + signal.type + ".processed"),
						(point) -> "queue_full".equals(point.getAttributes().get(ERROR_TYPE)));
	}

	/**
	 * Items whose export failed: the exporter gave up on them (refused, timed out or
	 * rejected by the backend).
	 * @param signal spans or log records
	 * @return the total so far
	 */
	public long failed(Signal signal) {
		return exported(signal, false);
	}

	/**
	 * Items that were exported successfully.
	 * @param signal spans or log records
	 * @return the total so far
	 */
	public long exported(Signal signal) {
		return exported(signal, true);
	}

	/**
	 * Items waiting in the queues of the batch processors.
	 * @param signal spans or log records
	 * @return the current number
	 */
	public long queued(Signal signal) {
		Collection<MetricData> collected = this.reader.collect();
		return sum(collected, (metric) -> signal.isSdkScope(metric) && metric.getName().equals("queueSize"),
				(point) -> signal.processorType.equals(point.getAttributes().get(PROCESSOR_TYPE)))
				+ sum(collected,
						(metric) -> signal.isSdkScope(metric)
								&& metric.getName().equals("otel.sdk.processor." + signal.type + ".queue.size"),
						(point) -> true);
	}

	private long exported(Signal signal, boolean success) {
		Collection<MetricData> collected = this.reader.collect();
		long legacy = sum(collected, (metric) -> metric.getName().endsWith(".exporter.exported"),
				(point) -> signal.type.equals(point.getAttributes().get(TYPE))
						&& Boolean.valueOf(success).equals(point.getAttributes().get(SUCCESS)));
		long semanticConventions = sum(collected,
				(metric) -> metric.getName().equals("otel.sdk.exporter." + signal.type + ".exported"),
				(point) -> (point.getAttributes().get(ERROR_TYPE) == null) == success);
		return legacy + semanticConventions;
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
	 * What is exported: the SDK names the meters of each signal after it.
	 */
	public enum Signal {

		/**
		 * Spans, from a {@code BatchSpanProcessor} and a span exporter.
		 */
		SPANS("span", "io.opentelemetry.sdk.trace", "processedSpans", "BatchSpanProcessor"),

		/**
		 * Log records, from a {@code BatchLogRecordProcessor} and a log record exporter.
		 */
		LOGS("log", "io.opentelemetry.sdk.logs", "processedLogs", "BatchLogRecordProcessor");

		private final String type;

		private final String sdkScope;

		private final String legacyProcessed;

		private final String processorType;

		Signal(String type, String sdkScope, String legacyProcessed, String processorType) {
			this.type = type;
			this.sdkScope = sdkScope;
			this.legacyProcessed = legacyProcessed;
			this.processorType = processorType;
		}

		private boolean isSdkScope(MetricData metric) {
			return this.sdkScope.equals(metric.getInstrumentationScopeInfo().getName());
		}

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
