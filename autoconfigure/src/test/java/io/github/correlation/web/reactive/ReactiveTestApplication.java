package io.github.correlation.web.reactive;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebExceptionHandler;

/**
 * A WebFlux application on Reactor Netty whose handlers log on every kind of thread a
 * request's work runs on, and call downstream with clients that were built without Boot's
 * builders. Run it with {@code TestApplication.runReactive}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReactiveTestApplication.ReactiveController.class)
public class ReactiveTestApplication {

	@Bean
	RestTemplate plainRestTemplate() {
		return new RestTemplate();
	}

	@Bean
	RestClient plainRestClient() {
		return RestClient.create();
	}

	@Bean
	WebClient plainWebClient() {
		return loggingFilters(WebClient.builder(), "plain").build();
	}

	/**
	 * Filters that log the request and the response, as applications add to a client.
	 * @param builder the client's builder
	 * @param client the client's name in the lines
	 * @return the builder
	 */
	static WebClient.Builder loggingFilters(WebClient.Builder builder, String client) {
		Logger logger = LoggerFactory.getLogger("webclient.filter");
		return builder.filter(ExchangeFilterFunction.ofRequestProcessor((request) -> {
			logger.info("{} request filter {}", client, request.url().getPath());
			return Mono.just(ClientRequest.from(request).build());
		})).filter(ExchangeFilterFunction.ofResponseProcessor((response) -> {
			logger.info("{} response filter {}", client, response.request().getURI().getPath());
			return Mono.just(response);
		}));
	}

	/**
	 * A WebExceptionHandler ahead of Boot's that writes the response itself, as
	 * applications do for their own exceptions.
	 * @return the handler
	 */
	@Bean
	@Order(-2)
	WebExceptionHandler goneHandler() {
		return (exchange, ex) -> {
			if (!(ex instanceof GoneException)) {
				return Mono.error(ex);
			}
			LoggerFactory.getLogger("gone.handler").warn("gone");
			exchange.getResponse().setStatusCode(HttpStatus.GONE);
			return exchange.getResponse().setComplete();
		};
	}

	@RestController
	static class ReactiveController {

		private static final Logger logger = LoggerFactory.getLogger(ReactiveController.class);

		private final RestTemplate restTemplate;

		private final RestClient restClient;

		private final WebClient webClient;

		private final WebClient observedWebClient;

		private final WebClient filteredWebClient;

		ReactiveController(RestTemplate restTemplate, RestClient restClient, WebClient webClient,
				ObjectProvider<WebClient.Builder> builder) {
			this.restTemplate = restTemplate;
			this.restClient = restClient;
			this.webClient = webClient;
			this.observedWebClient = builder.getObject().build();
			this.filteredWebClient = loggingFilters(builder.getObject(), "built").build();
		}

		@GetMapping("/hello")
		Mono<String> hello(@RequestParam(defaultValue = "") String tag) {
			logger.info("handler {}", tag);
			return Mono.just("hello");
		}

		@GetMapping({ "/call", "/call-reactive" })
		Mono<String> call(@RequestParam String url) {
			logger.info("calling {}", url);
			return this.observedWebClient.get().uri(url).retrieve().bodyToMono(String.class);
		}

		@GetMapping("/boom")
		Mono<String> boom() {
			logger.info("about to fail");
			throw new IllegalStateException("boom");
		}

		@GetMapping("/boom-later")
		Mono<String> boomLater() {
			return Mono.just("later").publishOn(Schedulers.boundedElastic()).map((value) -> {
				throw new IllegalStateException("boom on " + Thread.currentThread().getName());
			});
		}

		@GetMapping("/status/{code}")
		Mono<String> status(@PathVariable int code) {
			return Mono.error(new ResponseStatusException(HttpStatus.valueOf(code), "status " + code));
		}

		@GetMapping("/teapot")
		Mono<Void> teapot(ServerHttpResponse response) {
			response.setStatusCode(HttpStatus.I_AM_A_TEAPOT);
			return response.setComplete();
		}

		@GetMapping("/handled")
		Mono<String> handled() {
			return Mono.error(new HandledException());
		}

		@ExceptionHandler(HandledException.class)
		ResponseEntity<String> onHandled(HandledException ex) {
			logger.warn("handled in exception handler");
			return ResponseEntity.status(HttpStatus.CONFLICT).body("conflict");
		}

		@GetMapping("/gone")
		Mono<String> gone() {
			return Mono.error(new GoneException());
		}

		@GetMapping(path = "/stream", produces = MediaType.APPLICATION_NDJSON_VALUE)
		Flux<String> stream() {
			return Flux.just("a", "b", "c").delayElements(Duration.ofMillis(10));
		}

		@GetMapping("/schedulers")
		Mono<String> schedulers(@RequestParam String tag) {
			return Mono.just(tag)
				.publishOn(Schedulers.boundedElastic())
				.doOnNext((value) -> logger.info("publishOn {}", value))
				.publishOn(Schedulers.parallel())
				.doOnNext((value) -> logger.info("parallel {}", value))
				.delayElement(Duration.ofMillis(5))
				.doOnNext((value) -> logger.info("delayed {}", value))
				.flatMap((value) -> Mono.fromCallable(() -> {
					logger.info("subscribeOn {}", value);
					return value;
				}).subscribeOn(Schedulers.boundedElastic()));
		}

		@GetMapping("/crowd")
		Mono<String> crowd(@RequestParam String tag, @RequestParam String url) {
			logger.info("crowd handler {}", tag);
			return Mono.just(tag)
				.publishOn(Schedulers.boundedElastic())
				.doOnNext((value) -> logger.info("crowd publishOn {}", value))
				.publishOn(Schedulers.parallel())
				.doOnNext((value) -> logger.info("crowd parallel {}", value))
				.delayElement(Duration.ofMillis(20))
				.doOnNext((value) -> logger.info("crowd delayed {}", value))
				.flatMap((value) -> Mono.fromCallable(() -> {
					logger.info("crowd subscribeOn {}", value);
					return value;
				}).subscribeOn(Schedulers.boundedElastic()))
				.flatMap((value) -> {
					logger.info("crowd calling {}", value);
					return this.observedWebClient.get().uri(url).retrieve().bodyToMono(String.class);
				});
		}

		/**
		 * The test service of the W3C Trace Context suite: for each action, a POST of its
		 * arguments to its URL, one after the other.
		 * @param actions the harness's actions
		 * @return nothing the harness reads
		 */
		@PostMapping("/test")
		Mono<List<Object>> test(@RequestBody List<Map<String, Object>> actions) {
			return Flux.fromIterable(actions)
				.concatMap((action) -> this.observedWebClient.post()
					.uri(URI.create((String) action.get("url")))
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue((action.get("arguments") != null) ? action.get("arguments") : List.of())
					.retrieve()
					.toBodilessEntity())
				.then(Mono.just(List.of()));
		}

		@PostMapping("/body")
		Mono<String> body(@RequestBody Mono<String> body) {
			return body.doOnNext((value) -> logger.info("body {}", value));
		}

		@GetMapping("/blocking")
		Mono<String> blocking(@RequestParam String url, @RequestParam String client) {
			return Mono.fromCallable(() -> {
				logger.info("blocking {}", client);
				return switch (client) {
					case "rest-template" -> this.restTemplate.getForObject(url, String.class);
					default -> this.restClient.get().uri(url).retrieve().body(String.class);
				};
			}).subscribeOn(Schedulers.boundedElastic());
		}

		@GetMapping("/webclient")
		Mono<String> webClient(@RequestParam String url, @RequestParam String client) {
			WebClient webClient = client.equals("plain") ? this.webClient : this.filteredWebClient;
			return webClient.get()
				.uri(url)
				.retrieve()
				.bodyToMono(String.class)
				.doOnNext((value) -> logger.info("after {} webclient", client));
		}

	}

	static class HandledException extends RuntimeException {

	}

	static class GoneException extends RuntimeException {

	}

}
