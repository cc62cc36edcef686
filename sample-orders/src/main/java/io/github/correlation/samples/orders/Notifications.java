package io.github.correlation.samples.orders;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * Sends order confirmations, off the consumer thread.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@Component
public class Notifications {

	private static final Logger logger = LoggerFactory.getLogger(Notifications.class);

	private final ObservationRegistry observations;

	Notifications(ObservationRegistry observations) {
		this.observations = observations;
	}

	@Async
	public void sendConfirmation(String orderId) {
		Observation.createNotStarted("notification.send", this.observations)
			.contextualName("send confirmation")
			.lowCardinalityKeyValue("notification.channel", "email")
			.observe(() -> logger.info("confirmation sent for order {}", orderId));
	}

}
