package io.github.correlation.web.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * An application with every kind of HTTP client: built from Boot's builders, and built by
 * hand the way many applications do.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ClientTestApplication.ClientController.class)
class ClientTestApplication {

	@Bean
	RestClient builtRestClient(RestClient.Builder builder) {
		return builder.build();
	}

	@Bean
	RestClient createdRestClient() {
		return RestClient.create();
	}

	@Bean
	RestTemplate builtRestTemplate(RestTemplateBuilder builder) {
		return builder.build();
	}

	@Bean
	RestTemplate newRestTemplate() {
		return new RestTemplate();
	}

	@Bean
	WebClient builtWebClient(WebClient.Builder builder) {
		return builder.build();
	}

	@Bean
	WebClient createdWebClient() {
		return WebClient.create();
	}

	@Bean
	Downstream builtExchange(@Qualifier("builtRestClient") RestClient client) {
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.build()
			.createClient(Downstream.class);
	}

	@Bean
	Downstream createdExchange(@Qualifier("createdRestClient") RestClient client) {
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.build()
			.createClient(Downstream.class);
	}

	interface Downstream {

		@GetExchange
		String get(java.net.URI uri);

	}

	@RestController
	static class ClientController {

		private static final Logger logger = LoggerFactory.getLogger(ClientController.class);

		private final org.springframework.context.ApplicationContext context;

		ClientController(org.springframework.context.ApplicationContext context) {
			this.context = context;
		}

		@GetMapping("/client/{kind}")
		String call(@PathVariable String kind, @RequestParam String url) {
			logger.info("calling with {}", kind);
			Object client = this.context.getBean(kind);
			if (client instanceof RestClient restClient) {
				return restClient.get().uri(url).retrieve().body(String.class);
			}
			if (client instanceof RestTemplate restTemplate) {
				return restTemplate.getForObject(url, String.class);
			}
			if (client instanceof WebClient webClient) {
				return webClient.get().uri(url).retrieve().bodyToMono(String.class).block();
			}
			return ((Downstream) client).get(java.net.URI.create(url));
		}

	}

}
