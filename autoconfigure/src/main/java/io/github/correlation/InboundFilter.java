package io.github.correlation;

import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

/**
 * Decides what of an inbound carrier the propagator may read: the edge policy hides or
 * rewrites the trace context and baggage of untrusted senders. Applied after the W3C
 * rules have normalised the headers.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface InboundFilter {

	/**
	 * The filter that lets a propagator read everything.
	 */
	InboundFilter NONE = new InboundFilter() {

		@Override
		public <C> TextMapGetter<C> filter(@Nullable C carrier, TextMapGetter<C> getter) {
			return getter;
		}

	};

	/**
	 * The getter the propagator reads a carrier with.
	 * @param <C> the carrier type
	 * @param carrier the inbound request or record
	 * @param getter the getter that reads it
	 * @return the getter itself, or one that hides or rewrites what may not come in
	 */
	<C> TextMapGetter<C> filter(@Nullable C carrier, TextMapGetter<C> getter);

}
