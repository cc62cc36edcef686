package io.github.correlation.edge;

/**
 * Says whether the sender of an inbound request or record is trusted with our trace
 * context and baggage. Each boundary contributes one, for its own carrier type; a bean of
 * this type replaces the starter's rule for that carrier (an mTLS identity, an API key).
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface InboundTrust {

	/**
	 * Whether the sender of a carrier is trusted.
	 * @param carrier the inbound request or record, as the propagator sees it
	 * @return the decision, or {@link Trust#ABSTAIN} for a carrier this rule does not
	 * know
	 */
	Trust trust(Object carrier);

	/**
	 * A trust decision.
	 */
	enum Trust {

		/**
		 * The sender is one of ours.
		 */
		TRUSTED,

		/**
		 * The sender is outside.
		 */
		UNTRUSTED,

		/**
		 * This rule does not know the carrier.
		 */
		ABSTAIN

	}

}
