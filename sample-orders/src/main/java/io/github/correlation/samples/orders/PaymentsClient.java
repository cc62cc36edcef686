package io.github.correlation.samples.orders;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Asks the payments service to authorise an order's card, with a {@link WebClient}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@Component
class PaymentsClient {

	private final WebClient webClient;

	PaymentsClient(WebClient.Builder builder, @Value("${payments.base-url}") String baseUrl) {
		this.webClient = builder.baseUrl(baseUrl).build();
	}

	Authorization authorize(String orderId, long amountCents, String cardNumber) {
		return this.webClient.post()
			.uri("/payments/authorize")
			.bodyValue(new AuthorizationRequest(orderId, amountCents, cardNumber))
			.exchangeToMono((response) -> {
				if (response.statusCode() == HttpStatus.PAYMENT_REQUIRED) {
					return response.releaseBody().thenReturn(Authorization.DECLINED);
				}
				if (response.statusCode().is2xxSuccessful()) {
					return response.bodyToMono(Authorization.class);
				}
				return response.createError();
			})
			.switchIfEmpty(Mono.error(new IllegalStateException("Empty answer from payments")))
			.block(Duration.ofSeconds(10));
	}

	record AuthorizationRequest(String orderId, long amountCents, String cardNumber) {

	}

	record Authorization(String authorizationId, String status) {

		static final Authorization DECLINED = new Authorization("", "DECLINED");

		boolean approved() {
			return "AUTHORIZED".equals(this.status);
		}

	}

}
