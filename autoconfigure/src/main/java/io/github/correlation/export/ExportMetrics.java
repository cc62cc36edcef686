package io.github.correlation.export;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.github.correlation.export.ExportMeterProvider.Signal;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The Micrometer meters of export, read from an {@link ExportMeterProvider} when the
 * registry is scraped or published, for each exported {@link Signal}:
 * {@code correlation.export.spans.dropped}, {@code .failed}, {@code .exported} and
 * {@code .queue.size}, and the same four under {@code correlation.export.logs}. A tracing
 * or logging backend that is down, slow or unreachable never slows the application: spans
 * and log records are lost instead, and counted here.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ExportMetrics implements MeterBinder {

	/**
	 * Counter of the items a batch processor dropped because its queue was full.
	 */
	public static final String DROPPED = "dropped";

	/**
	 * Counter of the items whose export failed.
	 */
	public static final String FAILED = "failed";

	/**
	 * Counter of the items that were exported successfully.
	 */
	public static final String EXPORTED = "exported";

	/**
	 * Gauge of the items waiting in a batch processor's queue.
	 */
	public static final String QUEUE_SIZE = "queue.size";

	private final ExportMeterProvider meterProvider;

	private final Set<Signal> signals;

	/**
	 * Create a new instance.
	 * @param meterProvider the meter provider the processors and exporters record into
	 * @param signals the signals whose export is counted
	 */
	public ExportMetrics(ExportMeterProvider meterProvider, Set<Signal> signals) {
		this.meterProvider = meterProvider;
		this.signals = signals.isEmpty() ? EnumSet.noneOf(Signal.class) : EnumSet.copyOf(signals);
	}

	/**
	 * The name of one meter of one signal, such as
	 * {@code correlation.export.logs.dropped}.
	 * @param signal spans or log records
	 * @param meter one of {@link #DROPPED}, {@link #FAILED}, {@link #EXPORTED} and
	 * {@link #QUEUE_SIZE}
	 * @return the meter's name
	 */
	public static String name(Signal signal, String meter) {
		return "correlation.export." + signal.name().toLowerCase(Locale.ROOT) + "." + meter;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Signal signal : this.signals) {
			String items = (signal == Signal.SPANS) ? "spans" : "log records";
			String unit = (signal == Signal.SPANS) ? "spans" : "records";
			FunctionCounter.builder(name(signal, DROPPED), this.meterProvider, (provider) -> provider.dropped(signal))
				.description("The " + items + " the batch processor dropped, unexported, because its queue was full")
				.baseUnit(unit)
				.register(registry);
			FunctionCounter.builder(name(signal, FAILED), this.meterProvider, (provider) -> provider.failed(signal))
				.description("The " + items + " whose export failed: the backend refused, timed out or rejected them")
				.baseUnit(unit)
				.register(registry);
			FunctionCounter.builder(name(signal, EXPORTED), this.meterProvider, (provider) -> provider.exported(signal))
				.description("The " + items + " the backend accepted")
				.baseUnit(unit)
				.register(registry);
			Gauge.builder(name(signal, QUEUE_SIZE), this.meterProvider, (provider) -> provider.queued(signal))
				.description("The " + items + " waiting in the batch processor's queue to be exported")
				.baseUnit(unit)
				.register(registry);
		}
	}

}
