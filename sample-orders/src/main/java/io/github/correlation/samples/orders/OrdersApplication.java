package io.github.correlation.samples.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Orders: places orders (persisted with JDBC), has payments authorise them over HTTP,
 * announces them on Kafka, and marks them paid when payments are captured.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@SpringBootApplication
@EnableAsync
public class OrdersApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrdersApplication.class, args);
	}

}
