package io.github.correlation.samples.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Gateway: the public checkout API. It checks the caller's token, has orders place the
 * order, and answers with the order and the trace id that ties every service's log lines
 * together.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@SpringBootApplication
public class GatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(GatewayApplication.class, args);
	}

}
