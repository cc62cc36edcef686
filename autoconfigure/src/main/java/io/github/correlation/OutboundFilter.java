package io.github.correlation;

import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * Decides what the propagator may write into an outbound carrier: the edge policy keeps
 * baggage, remote fields and the request id from leaving for hosts that are not ours.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface OutboundFilter {

	/**
	 * The filter that lets a propagator write everything.
	 */
	OutboundFilter NONE = new OutboundFilter() {

		@Override
		public <C> TextMapSetter<C> filter(@Nullable C carrier, TextMapSetter<C> setter) {
			return setter;
		}

	};

	/**
	 * The setter the propagator writes a carrier with.
	 * @param <C> the carrier type
	 * @param carrier the outbound request or record
	 * @param setter the setter that writes it
	 * @return the setter itself, or one that drops what may not leave
	 */
	<C> TextMapSetter<C> filter(@Nullable C carrier, TextMapSetter<C> setter);

}
