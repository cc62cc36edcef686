package io.github.correlation.demo;

import java.util.Set;

import io.github.correlation.testkit.Trace;

/**
 * The three checkouts the demo runs, and when each one's trace is complete.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public enum CheckoutScenario {

	/**
	 * The card is approved: HTTP to orders and payments, Kafka to payments and back, a
	 * batch listener marks the order paid and an {@code @Async} confirmation goes out.
	 */
	SUCCESS("4242424242424242", 201),

	/**
	 * The card is declined: payments answers 402, and so does the gateway.
	 */
	DECLINED("4000000000000002", 402),

	/**
	 * The issuer takes about 800 ms: the slow hop to find in the waterfall.
	 */
	SLOW("4000000000000077", 201);

	private static final Set<String> SERVICES = Set.of("gateway", "orders", "payments");

	private final String cardNumber;

	private final int expectedStatus;

	CheckoutScenario(String cardNumber, int expectedStatus) {
		this.cardNumber = cardNumber;
		this.expectedStatus = expectedStatus;
	}

	public String cardNumber() {
		return this.cardNumber;
	}

	public int expectedStatus() {
		return this.expectedStatus;
	}

	/**
	 * Return whether the trace holds every span this checkout produces.
	 * @param trace the trace so far
	 * @return whether it is complete
	 */
	public boolean isComplete(Trace trace) {
		boolean everyService = trace.services().containsAll(SERVICES) && !trace.roots().isEmpty();
		if (this == DECLINED) {
			return everyService;
		}
		return everyService && !trace.spansNamed("send confirmation").isEmpty();
	}

}
