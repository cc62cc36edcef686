package io.github.correlation.logging;

import java.util.function.BiConsumer;

import io.micrometer.tracing.otel.bridge.Slf4JEventListener;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jspecify.annotations.Nullable;

/**
 * Writes the current span's trace id, span id and trace flags to the MDC whenever a
 * context becomes current, and removes them when the context that becomes current has no
 * valid span, so no id outlives its scope on a pooled thread. Unsampled spans are written
 * too: the flags say whether the trace was exported.
 * <p>
 * It extends {@link Slf4JEventListener} so that Boot's own listener, which writes fixed
 * keys and no flags, backs off.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class SpanMdcEventListener extends Slf4JEventListener {

	private final MdcKeys keys;

	private final BiConsumer<@Nullable Span, @Nullable Baggage> onCurrent = (span, baggage) -> write(span);

	private final Runnable onClosed = this::clear;

	/**
	 * Create a new instance.
	 * @param keys the MDC keys to write
	 */
	public SpanMdcEventListener(MdcKeys keys) {
		super(keys.traceId(), keys.spanId());
		this.keys = keys;
	}

	@Override
	public void onEvent(Object event) {
		ScopeEvents.dispatch(event, this.onCurrent, this.onClosed);
	}

	private void write(@Nullable Span span) {
		SpanContext context = (span != null) ? span.getSpanContext() : SpanContext.getInvalid();
		if (!context.isValid()) {
			clear();
			return;
		}
		MdcEntries.put(this.keys.traceId(), context.getTraceId());
		MdcEntries.put(this.keys.spanId(), context.getSpanId());
		MdcEntries.put(this.keys.traceFlags(), context.getTraceFlags().asHex());
	}

	private void clear() {
		MdcEntries.remove(this.keys.traceId());
		MdcEntries.remove(this.keys.spanId());
		MdcEntries.remove(this.keys.traceFlags());
	}

	/**
	 * Return the keys this listener writes.
	 * @return the MDC keys
	 */
	public MdcKeys getKeys() {
		return this.keys;
	}

}
