package io.github.correlation.samples.gateway;

import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * {@code POST /api/checkout}: verifies the token, has orders place the order, and answers
 * with the order and its trace id; a declined card becomes a
 * {@code 402 application/problem+json} with the same trace id.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@RestController
class CheckoutController {

	private static final Logger logger = LoggerFactory.getLogger(CheckoutController.class);

	private final TokenVerifier tokens;

	private final RestClient orders;

	private final Tracer tracer;

	CheckoutController(TokenVerifier tokens, RestClient.Builder builder, Tracer tracer,
			@Value("${orders.base-url}") String ordersBaseUrl) {
		this.tokens = tokens;
		this.orders = builder.baseUrl(ordersBaseUrl).build();
		this.tracer = tracer;
	}

	@PostMapping("/api/checkout")
	ResponseEntity<?> checkout(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody CheckoutRequest request) {
		if (!this.tokens.isValid(authorization)) {
			logger.warn("rejected checkout: missing or invalid token");
			return problem(HttpStatus.UNAUTHORIZED, "Unauthorized", "A bearer token starting with 'demo' is needed",
					null);
		}
		if (request.items() == null || request.items().isEmpty() || request.cardNumber() == null) {
			return problem(HttpStatus.BAD_REQUEST, "Invalid checkout", "Items and a card number are needed", null);
		}
		logger.info("checkout for customer {} with {} items", request.customerId(), request.items().size());
		try {
			Order order = this.orders.post().uri("/orders").body(request).retrieve().body(Order.class);
			logger.info("checkout of customer {} placed order {}", request.customerId(), order.orderId());
			return ResponseEntity.status(HttpStatus.CREATED)
				.body(new CheckoutResponse(order.orderId(), order.status(), traceId()));
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode() != HttpStatus.PAYMENT_REQUIRED) {
				throw ex;
			}
			ProblemDetail declined = ex.getResponseBodyAs(ProblemDetail.class);
			Object orderId = (declined != null && declined.getProperties() != null)
					? declined.getProperties().get("orderId") : null;
			logger.warn("checkout of customer {} declined for order {}", request.customerId(), orderId);
			return problem(HttpStatus.PAYMENT_REQUIRED, "Payment declined", "The card was declined", orderId);
		}
	}

	private ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
			@Nullable Object orderId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setProperty("traceId", traceId());
		if (orderId != null) {
			problem.setProperty("orderId", orderId);
		}
		return ResponseEntity.status(status).body(problem);
	}

	private @Nullable String traceId() {
		Span span = this.tracer.currentSpan();
		return (span != null) ? span.context().traceId() : null;
	}

	record CheckoutRequest(String customerId, List<Item> items, String cardNumber) {

	}

	record Item(String sku, int quantity) {

	}

	record Order(String orderId, String status) {

	}

	record CheckoutResponse(String orderId, String status, @Nullable String traceId) {

	}

}
