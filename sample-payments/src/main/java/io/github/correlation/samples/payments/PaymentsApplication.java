package io.github.correlation.samples.payments;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Payments: authorises cards for orders over HTTP, and captures the payment of every
 * placed order it reads from Kafka.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@SpringBootApplication
public class PaymentsApplication {

	public static void main(String[] args) {
		SpringApplication.run(PaymentsApplication.class, args);
	}

}
