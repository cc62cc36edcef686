package io.github.correlation.logging;

import java.util.function.BiConsumer;

import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeAttachedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeClosedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeRestoredEvent;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

/**
 * Reads the scope events of Micrometer's OpenTelemetry bridge: a context became current
 * (attached or restored), or a scope closed.
 *
 * @author Correlation contributors
 */
final class ScopeEvents {

	private ScopeEvents() {
	}

	static void dispatch(Object event, BiConsumer<@Nullable Span, @Nullable Baggage> onCurrent, Runnable onClosed) {
		if (event instanceof ScopeAttachedEvent attached) {
			onCurrent.accept(attached.getSpan(), attached.getBaggage());
		}
		else if (event instanceof ScopeRestoredEvent restored) {
			onCurrent.accept(restored.getSpan(), restored.getBaggage());
		}
		else if (event instanceof ScopeClosedEvent) {
			onClosed.run();
		}
	}

}
