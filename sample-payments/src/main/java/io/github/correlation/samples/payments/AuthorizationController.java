package io.github.correlation.samples.payments;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /payments/authorize}: approves or declines the card of an order. Payments
 * is a WebFlux service: the card issuer's answer is a blocking call, so it is asked on
 * {@code boundedElastic}, and the lines written there carry the checkout's ids like every
 * other line.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@RestController
class AuthorizationController {

	private static final Logger logger = LoggerFactory.getLogger(AuthorizationController.class);

	private final CardIssuer issuer;

	AuthorizationController(CardIssuer issuer) {
		this.issuer = issuer;
	}

	@PostMapping("/payments/authorize")
	Mono<ResponseEntity<?>> authorize(@RequestBody AuthorizationRequest request) {
		logger.info("authorizing {} cents for order {} with card {}", request.amountCents(), request.orderId(),
				CardIssuer.masked(request.cardNumber()));
		return Mono.fromCallable(() -> this.issuer.decide(request.cardNumber()))
			.subscribeOn(Schedulers.boundedElastic())
			.map((decision) -> answer(request, decision));
	}

	private static ResponseEntity<?> answer(AuthorizationRequest request, CardIssuer.Decision decision) {
		if (decision == CardIssuer.Decision.DECLINED) {
			logger.warn("card {} declined for order {}", CardIssuer.masked(request.cardNumber()), request.orderId());
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED,
					"The card issuer declined the payment");
			problem.setTitle("Card declined");
			problem.setProperty("orderId", request.orderId());
			return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(problem);
		}
		String authorizationId = "auth-" + UUID.randomUUID();
		logger.info("authorized order {} as {}", request.orderId(), authorizationId);
		return ResponseEntity.ok(new Authorization(authorizationId, "AUTHORIZED"));
	}

	record AuthorizationRequest(String orderId, long amountCents, String cardNumber) {

	}

	record Authorization(String authorizationId, String status) {

	}

}
