package io.github.correlation.edge;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.github.correlation.InboundFilter;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Applies the edge policy at extraction: the first {@link InboundTrust} that knows a
 * carrier decides whether its sender is trusted; an untrusted sender's carrier is read
 * through the {@link EdgePolicy}. Every decision is reported with its boundary.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class EdgeDecisions implements InboundFilter {

	private final SingletonSupplier<List<InboundTrust>> rules;

	private final EdgePolicy policy;

	private final BiConsumer<String, Object> decided;

	// Extraction and the start of the span it parents happen on one thread, one after
	// the other: what the sender brought is kept here for the span's link in between.
	private static final ThreadLocal<Untrusted> lastUntrusted = new ThreadLocal<>();

	/**
	 * Create a new instance.
	 * @param rules supplies the trust rules, in order; called once, when the first
	 * carrier is read
	 * @param policy what an untrusted sender may bring in
	 * @param decided told each decision ({@code trusted} or the {@link UntrustedTrace}
	 * name in lower case and with dashes) and the carrier it was made for
	 */
	public EdgeDecisions(Supplier<List<InboundTrust>> rules, EdgePolicy policy, BiConsumer<String, Object> decided) {
		this.rules = SingletonSupplier.of(() -> List.copyOf(rules.get()));
		this.policy = policy;
		this.decided = decided;
	}

	@Override
	public <C> TextMapGetter<C> filter(@Nullable C carrier, TextMapGetter<C> getter) {
		if (carrier == null) {
			return getter;
		}
		for (InboundTrust rule : this.rules.obtain()) {
			InboundTrust.Trust trust = rule.trust(carrier);
			if (trust == InboundTrust.Trust.TRUSTED) {
				this.decided.accept("trusted", carrier);
				return getter;
			}
			if (trust == InboundTrust.Trust.UNTRUSTED) {
				Untrusted untrusted = new Untrusted(carrier, this.policy.untrustedTrace());
				lastUntrusted.set(untrusted);
				this.decided.accept(name(this.policy.untrustedTrace()), carrier);
				return this.policy.untrusted(getter, untrusted::traceParent);
			}
		}
		return getter;
	}

	/**
	 * Take what the untrusted sender of a carrier brought, if the carrier was the last
	 * one read on this thread.
	 * @param carrier the carrier whose span starts
	 * @return the sender's decision and {@code traceparent}, or {@code null} for a
	 * trusted sender
	 */
	public static @Nullable Untrusted take(Object carrier) {
		Untrusted untrusted = lastUntrusted.get();
		if (untrusted == null || untrusted.carrier != carrier) {
			return null;
		}
		lastUntrusted.remove();
		return untrusted;
	}

	static String name(UntrustedTrace decision) {
		return decision.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * What an untrusted sender brought.
	 */
	public static final class Untrusted {

		private final Object carrier;

		private final UntrustedTrace decision;

		private @Nullable String traceParent;

		Untrusted(Object carrier, UntrustedTrace decision) {
			this.carrier = carrier;
			this.decision = decision;
		}

		void traceParent(String traceParent) {
			this.traceParent = traceParent;
		}

		/**
		 * The decision applied to the sender's trace context.
		 * @return the decision
		 */
		public UntrustedTrace decision() {
			return this.decision;
		}

		/**
		 * The sender's {@code traceparent}, valid and normalised.
		 * @return the header value, or {@code null} if it sent none that was valid
		 */
		public @Nullable String traceParent() {
			return this.traceParent;
		}

	}

}
