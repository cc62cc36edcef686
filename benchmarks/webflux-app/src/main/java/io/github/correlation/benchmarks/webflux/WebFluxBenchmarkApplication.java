package io.github.correlation.benchmarks.webflux;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The WebFlux application of the HTTP load run, the reactive twin of the servlet one:
 * {@code GET /work} writes a log line and calls {@code GET /downstream} on the same
 * server with a {@code WebClient} from Boot's builder, then writes a second line once the
 * answer is in. It has no tracing of its own: each variant of the run adds it through its
 * class path (nothing, Boot's tracing, Boot's tracing and the starter), a property or an
 * agent.
 *
 * @author Correlation contributors
 */
@SpringBootApplication
@RestController
public class WebFluxBenchmarkApplication {

	private static final Logger logger = LoggerFactory.getLogger(WebFluxBenchmarkApplication.class);

	private final WebClient client;

	WebFluxBenchmarkApplication(WebClient.Builder builder, @Value("${server.port}") int port) {
		this.client = builder.baseUrl("http://127.0.0.1:" + port).build();
	}

	@GetMapping("/work")
	Mono<String> work(@RequestParam(defaultValue = "c-1") String customer) {
		logger.info("work for customer {}", customer);
		return this.client.get().uri("/downstream").retrieve().bodyToMono(String.class).map((body) -> {
			logger.info("work done for customer {}", customer);
			return "work:" + body;
		});
	}

	@GetMapping("/downstream")
	Mono<String> downstream() {
		return Mono.just("downstream");
	}

	public static void main(String[] args) {
		SpringApplication.run(WebFluxBenchmarkApplication.class, args);
	}

}
