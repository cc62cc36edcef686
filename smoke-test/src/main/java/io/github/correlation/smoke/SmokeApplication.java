package io.github.correlation.smoke;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A plain Boot web application: the starter is its only correlation dependency, and its
 * HTTP client is built by hand.
 *
 * @author Correlation contributors
 */
@SpringBootApplication
public class SmokeApplication {

	public static void main(String[] args) {
		SpringApplication.run(SmokeApplication.class, args);
	}

	@Bean
	RestClient restClient() {
		return RestClient.create();
	}

	@RestController
	static class Controller {

		private static final Logger logger = LoggerFactory.getLogger(Controller.class);

		private final RestClient restClient;

		Controller(RestClient restClient) {
			this.restClient = restClient;
		}

		@GetMapping("/forward")
		String forward(@RequestParam String url) {
			logger.info("forwarding");
			return this.restClient.get().uri(url).retrieve().body(String.class);
		}

		@GetMapping("/greet")
		String greet() {
			logger.info("greeting");
			return "hello";
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("failed on purpose");
		}

	}

}
