package io.github.correlation.samples.orders;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Asks the payments service to authorise an order's card, through the {@link Payments}
 * HTTP interface backed by a {@link WebClient} from Boot's {@code WebClient.Builder}, so
 * the call is observed and carries the trace.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@Component
class PaymentsClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Payments payments;

	PaymentsClient(WebClient.Builder builder, @Value("${payments.base-url}") String baseUrl) {
		WebClient webClient = builder.baseUrl(baseUrl)
			.defaultStatusHandler((status) -> !status.is2xxSuccessful(), ClientResponse::createException)
			.build();
		WebClientAdapter adapter = WebClientAdapter.create(webClient);
		adapter.setBlockTimeout(TIMEOUT);
		this.payments = HttpServiceProxyFactory.builderFor(adapter).build().createClient(Payments.class);
	}

	Authorization authorize(String orderId, long amountCents, String cardNumber) {
		Authorization authorization;
		try {
			authorization = this.payments.authorize(new AuthorizationRequest(orderId, amountCents, cardNumber));
		}
		catch (WebClientResponseException ex) {
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.PAYMENT_REQUIRED)) {
				return Authorization.DECLINED;
			}
			throw ex;
		}
		if (authorization == null) {
			throw new IllegalStateException("Empty answer from payments");
		}
		return authorization;
	}

	@HttpExchange("/payments")
	interface Payments {

		@PostExchange("/authorize")
		@Nullable Authorization authorize(@RequestBody AuthorizationRequest request);

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
