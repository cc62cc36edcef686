package io.github.correlation.edge;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Decides, for each inbound carrier, whether its sender is trusted: the first
 * {@link InboundTrust} that knows the carrier decides; an untrusted sender's carrier is
 * read through the {@link EdgePolicy}. Every decision is reported.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class EdgeDecisions {

	private final SingletonSupplier<List<InboundTrust>> rules;

	private final EdgePolicy policy;

	private final BiConsumer<String, Object> decided;

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

	/**
	 * Decide on the sender of a carrier.
	 * @param carrier the inbound request or record
	 * @return what becomes of its trace context, or {@code null} if the sender is trusted
	 * or no rule knows the carrier
	 */
	public @Nullable UntrustedTrace decide(Object carrier) {
		for (InboundTrust rule : this.rules.obtain()) {
			InboundTrust.Trust trust = rule.trust(carrier);
			if (trust == InboundTrust.Trust.TRUSTED) {
				this.decided.accept("trusted", carrier);
				return null;
			}
			if (trust == InboundTrust.Trust.UNTRUSTED) {
				this.decided.accept(EdgeSpanProcessor.name(this.policy.untrustedTrace()), carrier);
				return this.policy.untrustedTrace();
			}
		}
		return null;
	}

	/**
	 * What an untrusted sender may bring in.
	 * @return the policy
	 */
	public EdgePolicy policy() {
		return this.policy;
	}

}
