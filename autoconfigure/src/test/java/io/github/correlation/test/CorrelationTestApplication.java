package io.github.correlation.test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * A small web application for behavioural tests: it logs, fails in the ways Boot handles
 * errors, and calls other services with a {@link RestClient} and a {@link WebClient} from
 * Boot's builders.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CorrelationTestApplication.TestController.class)
public class CorrelationTestApplication {

	private static final Logger logger = LoggerFactory.getLogger(CorrelationTestApplication.class);

	/**
	 * Error attributes that log, as applications often do: the line is written by
	 * {@code BasicErrorController} during the {@code ERROR} dispatch.
	 * @return the error attributes
	 */
	@Bean
	DefaultErrorAttributes errorAttributes() {
		return new DefaultErrorAttributes() {

			@Override
			public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
				Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
				logger.error("rendering error response {}", attributes.get("status"));
				return attributes;
			}

		};
	}

	@RestController
	static class TestController {

		private static final Logger logger = LoggerFactory.getLogger(TestController.class);

		private final RestClient restClient;

		private final WebClient webClient;

		TestController(RestClient.Builder builder, ObjectProvider<WebClient.Builder> webClientBuilder) {
			this.restClient = builder.build();
			this.webClient = webClientBuilder.getIfAvailable(WebClient::builder).build();
		}

		@GetMapping("/hello")
		String hello() {
			logger.info("hello");
			return "hello";
		}

		@GetMapping("/call")
		String call(@RequestParam List<String> url) {
			StringBuilder bodies = new StringBuilder();
			for (String target : url) {
				logger.info("calling {}", target);
				bodies.append(this.restClient.get().uri(target).retrieve().body(String.class));
			}
			return bodies.toString();
		}

		@GetMapping("/call-reactive")
		String callReactive(@RequestParam String url) {
			logger.info("calling {} with WebClient", url);
			return this.webClient.get().uri(url).retrieve().bodyToMono(String.class).block();
		}

		/**
		 * The test service of the W3C Trace Context suite: for each action, a POST of its
		 * arguments to its URL.
		 * @param actions the harness's actions
		 * @return nothing the harness reads
		 */
		@PostMapping("/test")
		List<Object> test(@RequestBody List<Map<String, Object>> actions) {
			for (Map<String, Object> action : actions) {
				Object arguments = action.get("arguments");
				this.restClient.post()
					.uri(URI.create((String) action.get("url")))
					.contentType(MediaType.APPLICATION_JSON)
					.body((arguments != null) ? arguments : List.of())
					.retrieve()
					.toBodilessEntity();
			}
			return List.of();
		}

		@GetMapping("/async")
		Callable<String> async() {
			logger.info("before async");
			return () -> {
				logger.info("inside async");
				return "async";
			};
		}

		@GetMapping("/boom")
		String boom() {
			logger.info("about to fail");
			throw new IllegalStateException("boom");
		}

		@GetMapping("/status/{code}")
		String status(@PathVariable int code) {
			throw new ResponseStatusException(HttpStatus.valueOf(code), "status " + code);
		}

		@GetMapping("/send-error")
		void sendError(HttpServletResponse response) throws Exception {
			response.sendError(418, "teapot");
		}

		@GetMapping("/handled")
		String handled() {
			throw new HandledException();
		}

		@ExceptionHandler(HandledException.class)
		ResponseEntity<String> onHandled(HandledException ex) {
			logger.warn("handled in exception handler");
			return ResponseEntity.status(HttpStatus.CONFLICT).body("conflict");
		}

	}

	static class HandledException extends RuntimeException {

	}

}
