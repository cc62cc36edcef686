package io.github.correlation.edge;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

import org.springframework.util.PatternMatchUtils;

/**
 * Keeps our baggage, remote-field headers and request ids inside: a call to a host that
 * matches none of the internal host patterns carries only what the mode allows. Kafka
 * records, and any carrier without a host, are internal; without internal host patterns
 * every call is.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ExternalPropagation {

	private final String[] internalHosts;

	private final Mode mode;

	private final Function<Object, @Nullable String> hosts;

	/**
	 * Create a new instance.
	 * @param internalHosts host patterns of our own services ({@code *} matches any
	 * text), matched without regard to case
	 * @param mode what a call to any other host carries
	 * @param hosts finds the target host of an outbound carrier: empty for an HTTP
	 * request without one, {@code null} for a carrier that is not an HTTP request
	 */
	public ExternalPropagation(List<String> internalHosts, Mode mode, Function<Object, @Nullable String> hosts) {
		this.internalHosts = internalHosts.stream().map((host) -> host.toLowerCase(Locale.ROOT)).toArray(String[]::new);
		this.mode = mode;
		this.hosts = hosts;
	}

	/**
	 * The setter a propagator writes an outbound carrier with.
	 * @param <C> the carrier type
	 * @param carrier the outbound request or record
	 * @param setter the setter that writes it
	 * @return the setter itself, or one that drops what may not leave for the carrier's
	 * host
	 */
	public <C> TextMapSetter<C> filter(@Nullable C carrier, TextMapSetter<C> setter) {
		if (carrier == null || this.mode == Mode.ALL || this.internalHosts.length == 0) {
			return setter;
		}
		String host = this.hosts.apply(carrier);
		if (host == null || isInternal(host)) {
			return setter;
		}
		if (this.mode == Mode.NONE) {
			return (target, key, value) -> {
			};
		}
		return (target, key, value) -> {
			String lower = key.toLowerCase(Locale.ROOT);
			if (lower.equals("traceparent") || lower.equals("tracestate")) {
				setter.set(target, key, value);
			}
		};
	}

	/**
	 * Whether a host is one of ours.
	 * @param host the host name or address
	 * @return {@code true} if it matches an internal host pattern
	 */
	public boolean isInternal(String host) {
		return PatternMatchUtils.simpleMatch(this.internalHosts, host.toLowerCase(Locale.ROOT));
	}

	/**
	 * What a call to a host that is not ours carries.
	 */
	public enum Mode {

		/**
		 * {@code traceparent} and {@code tracestate} only: no baggage, no remote-field
		 * headers, no request id.
		 */
		TRACE_CONTEXT,

		/**
		 * Nothing.
		 */
		NONE,

		/**
		 * Everything, as inside.
		 */
		ALL

	}

}
