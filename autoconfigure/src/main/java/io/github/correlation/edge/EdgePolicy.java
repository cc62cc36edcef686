package io.github.correlation.edge;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

/**
 * What an untrusted sender may bring in: per {@link UntrustedTrace}, its
 * {@code traceparent} is hidden (a new trace) or shown with the sampled flag the local
 * sampler chooses; its {@code tracestate} never; of its baggage, only the allowed keys,
 * whether they come in the {@code baggage} header or as plain remote-field headers; its
 * request id, unless request ids are regenerated.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class EdgePolicy {

	private final UntrustedTrace untrustedTrace;

	private final Set<String> allowedBaggage;

	private final Set<String> hiddenHeaders;

	private final Set<String> hiddenRemoteFields;

	private final Predicate<String> localSampler;

	private final BaggageFilter baggageFilter;

	private final BaggageFilter.Dropped dropped;

	/**
	 * Create a new instance.
	 * @param untrustedTrace what becomes of an untrusted sender's trace context
	 * @param allowedBaggage the baggage keys an untrusted sender may set
	 * @param remoteFields the plain headers that carry baggage
	 * ({@code management.tracing.baggage.remote-fields})
	 * @param requestIdHeaders the request id headers to hide, empty to keep a valid
	 * request id
	 * @param localSampler whether the local sampler samples a trace id, for
	 * {@link UntrustedTrace#CONTINUE}
	 * @param dropped told the number of baggage entries dropped
	 */
	public EdgePolicy(UntrustedTrace untrustedTrace, Collection<String> allowedBaggage, Collection<String> remoteFields,
			Collection<String> requestIdHeaders, Predicate<String> localSampler, BaggageFilter.Dropped dropped) {
		this.untrustedTrace = untrustedTrace;
		this.allowedBaggage = lowerCase(allowedBaggage);
		Set<String> hiddenFields = lowerCase(remoteFields);
		hiddenFields.removeAll(this.allowedBaggage);
		this.hiddenRemoteFields = hiddenFields;
		Set<String> hidden = lowerCase(requestIdHeaders);
		hidden.addAll(hiddenFields);
		this.hiddenHeaders = hidden;
		this.localSampler = localSampler;
		this.dropped = dropped;
		this.baggageFilter = new BaggageFilter(this.allowedBaggage, dropped);
	}

	/**
	 * What becomes of an untrusted sender's trace context.
	 * @return the decision
	 */
	public UntrustedTrace untrustedTrace() {
		return this.untrustedTrace;
	}

	/**
	 * Show a propagator only what an untrusted sender may bring in.
	 * @param <C> the carrier type
	 * @param getter the getter that reads the carrier
	 * @return a getter that hides or rewrites what may not come in
	 */
	public <C> TextMapGetter<C> untrusted(TextMapGetter<C> getter) {
		return untrusted(getter, (traceParent) -> {
		});
	}

	/**
	 * Show a propagator only what an untrusted sender may bring in, and tell what its
	 * {@code traceparent} was.
	 * @param <C> the carrier type
	 * @param getter the getter that reads the carrier
	 * @param inbound told the sender's valid {@code traceparent} when the propagator
	 * reads it
	 * @return a getter that hides or rewrites what may not come in
	 */
	public <C> TextMapGetter<C> untrusted(TextMapGetter<C> getter, Consumer<String> inbound) {
		return new UntrustedGetter<>(getter, inbound);
	}

	private static Set<String> lowerCase(Collection<String> names) {
		Set<String> lower = new TreeSet<>();
		names.forEach((name) -> lower.add(name.toLowerCase(Locale.ROOT)));
		return lower;
	}

	/**
	 * Reads a carrier for an untrusted sender.
	 */
	private final class UntrustedGetter<C> implements TextMapGetter<C> {

		private final TextMapGetter<C> getter;

		private final Consumer<String> inbound;

		UntrustedGetter(TextMapGetter<C> getter, Consumer<String> inbound) {
			this.getter = getter;
			this.inbound = inbound;
		}

		@Override
		public Iterable<String> keys(C carrier) {
			return this.getter.keys(carrier);
		}

		@Override
		public @Nullable String get(@Nullable C carrier, String key) {
			String lower = key.toLowerCase(Locale.ROOT);
			if (lower.equals("traceparent")) {
				return traceParent(this.getter.get(carrier, key));
			}
			if (EdgePolicy.this.hiddenRemoteFields.contains(lower) && this.getter.get(carrier, key) != null) {
				EdgePolicy.this.dropped.dropped(1);
				return null;
			}
			if (lower.equals("tracestate") || EdgePolicy.this.hiddenHeaders.contains(lower)) {
				return null;
			}
			if (lower.equals("baggage")) {
				return EdgePolicy.this.baggageFilter.filter(this.getter.get(carrier, key));
			}
			return this.getter.get(carrier, key);
		}

		@Override
		public Iterator<String> getAll(@Nullable C carrier, String key) {
			String lower = key.toLowerCase(Locale.ROOT);
			if (!lower.equals("traceparent") && !lower.equals("tracestate") && !lower.equals("baggage")
					&& !EdgePolicy.this.hiddenHeaders.contains(lower)) {
				return this.getter.getAll(carrier, key);
			}
			String value = get(carrier, key);
			return (value != null) ? List.of(value).iterator() : List.<String>of().iterator();
		}

		// A continued trace keeps the client's ids, never its sampling decision.
		private @Nullable String traceParent(@Nullable String traceParent) {
			if (traceParent == null || traceParent.length() != 55) {
				return null;
			}
			this.inbound.accept(traceParent);
			if (EdgePolicy.this.untrustedTrace != UntrustedTrace.CONTINUE) {
				return null;
			}
			String traceId = traceParent.substring(3, 35);
			String flags = EdgePolicy.this.localSampler.test(traceId) ? "01" : "00";
			return traceParent.substring(0, 53) + flags;
		}

	}

}
