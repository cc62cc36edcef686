package io.github.correlation.export;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The Micrometer meters of span export, read from an {@link ExportMeterProvider} when the
 * registry is scraped or published: {@value #DROPPED}, {@value #FAILED},
 * {@value #EXPORTED} and {@value #QUEUE_SIZE}. A tracing backend that is down, slow or
 * unreachable never slows the application: spans are lost instead, and counted here.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ExportMetrics implements MeterBinder {

	/**
	 * Counter of spans that the batch span processor dropped because its queue was full.
	 */
	public static final String DROPPED = "correlation.export.spans.dropped";

	/**
	 * Counter of spans whose export failed.
	 */
	public static final String FAILED = "correlation.export.spans.failed";

	/**
	 * Counter of spans that were exported successfully.
	 */
	public static final String EXPORTED = "correlation.export.spans.exported";

	/**
	 * Gauge of the spans waiting in the batch span processor's queue.
	 */
	public static final String QUEUE_SIZE = "correlation.export.queue.size";

	private final ExportMeterProvider meterProvider;

	/**
	 * Create a new instance.
	 * @param meterProvider the meter provider the span processor and exporter record into
	 */
	public ExportMetrics(ExportMeterProvider meterProvider) {
		this.meterProvider = meterProvider;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder(DROPPED, this.meterProvider, ExportMeterProvider::droppedSpans)
			.description("Spans the batch span processor dropped, unexported, because its queue was full")
			.baseUnit("spans")
			.register(registry);
		FunctionCounter.builder(FAILED, this.meterProvider, ExportMeterProvider::failedSpans)
			.description("Spans whose export failed: the backend refused, timed out or rejected them")
			.baseUnit("spans")
			.register(registry);
		FunctionCounter.builder(EXPORTED, this.meterProvider, ExportMeterProvider::exportedSpans)
			.description("Spans the backend accepted")
			.baseUnit("spans")
			.register(registry);
		Gauge.builder(QUEUE_SIZE, this.meterProvider, ExportMeterProvider::queuedSpans)
			.description("Spans waiting in the batch span processor's queue to be exported")
			.baseUnit("spans")
			.register(registry);
	}

}
