package io.github.correlation.samples.payments;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * A make-believe card issuer: cards ending in {@code 0002} are declined, cards ending in
 * {@code 0077} take about {@value #SLOW_MILLIS} ms to answer, every other card is
 * approved.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@Component
public class CardIssuer {

	static final long SLOW_MILLIS = 800;

	/**
	 * Ask the issuer about a card.
	 * @param cardNumber the card number
	 * @return the decision
	 */
	public Decision decide(String cardNumber) {
		if (cardNumber.endsWith("0002")) {
			return Decision.DECLINED;
		}
		if (cardNumber.endsWith("0077")) {
			waitFor(Duration.ofMillis(SLOW_MILLIS));
		}
		return Decision.APPROVED;
	}

	/**
	 * The last four digits, the only part of a card number that may be logged.
	 * @param cardNumber the card number
	 * @return the masked card number
	 */
	public static String masked(String cardNumber) {
		String digits = cardNumber.replaceAll("\\D", "");
		return "****" + ((digits.length() >= 4) ? digits.substring(digits.length() - 4) : digits);
	}

	private static void waitFor(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * What the issuer says.
	 */
	public enum Decision {

		/**
		 * The payment may go ahead.
		 */
		APPROVED,

		/**
		 * The card was declined.
		 */
		DECLINED

	}

}
