package io.github.correlation.benchmarks.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The application of the HTTP load run: {@code GET /work} writes a log line and calls
 * {@code GET /downstream} on the same server with a {@code RestClient} from Boot's
 * builder, the shape of a service that logs and calls another. It has no tracing of its
 * own: each variant of the run adds it through its class path (nothing, Boot's tracing,
 * Boot's tracing and the starter) or an agent.
 *
 * @author Correlation contributors
 */
@SpringBootApplication
@RestController
public class HttpBenchmarkApplication {

	private static final Logger logger = LoggerFactory.getLogger(HttpBenchmarkApplication.class);

	private final RestClient client;

	HttpBenchmarkApplication(RestClient.Builder builder, @Value("${server.port}") int port) {
		this.client = builder.baseUrl("http://127.0.0.1:" + port).build();
	}

	@GetMapping("/work")
	String work(@RequestParam(defaultValue = "c-1") String customer) {
		logger.info("work for customer {}", customer);
		return "work:" + this.client.get().uri("/downstream").retrieve().body(String.class);
	}

	@GetMapping("/downstream")
	String downstream() {
		return "downstream";
	}

	public static void main(String[] args) {
		SpringApplication.run(HttpBenchmarkApplication.class, args);
	}

}
