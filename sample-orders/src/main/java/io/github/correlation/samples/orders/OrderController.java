package io.github.correlation.samples.orders;

import java.util.List;
import java.util.UUID;

import io.github.correlation.samples.orders.OrderRepository.Order;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders}: persists the order, has its card authorised, and announces it on
 * {@code orders.placed}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@RestController
class OrderController {

	static final String ORDERS_PLACED = "orders.placed";

	private static final long UNIT_PRICE_CENTS = 1299;

	private static final Logger logger = LoggerFactory.getLogger(OrderController.class);

	private final OrderRepository orders;

	private final PaymentsClient payments;

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	OrderController(OrderRepository orders, PaymentsClient payments, KafkaTemplate<String, String> kafka,
			JsonMapper json) {
		this.orders = orders;
		this.payments = payments;
		this.kafka = kafka;
		this.json = json;
	}

	@PostMapping("/orders")
	ResponseEntity<?> place(@RequestBody OrderRequest request) throws Exception {
		String orderId = UUID.randomUUID().toString();
		long amount = request.items().stream().mapToLong((item) -> item.quantity() * UNIT_PRICE_CENTS).sum();
		logger.info("placing order {} for customer {}: {} items, {} cents", orderId, request.customerId(),
				request.items().size(), amount);
		this.orders.insert(new Order(orderId, request.customerId(), this.json.writeValueAsString(request.items()),
				amount, "PENDING"));
		PaymentsClient.Authorization authorization = this.payments.authorize(orderId, amount, request.cardNumber());
		if (!authorization.approved()) {
			this.orders.updateStatus(orderId, "DECLINED");
			logger.warn("payment declined for order {}", orderId);
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED,
					"The card was declined");
			problem.setTitle("Payment declined");
			problem.setProperty("orderId", orderId);
			return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(problem);
		}
		this.orders.updateStatus(orderId, "AUTHORIZED");
		String event = this.json.writeValueAsString(new OrderPlaced(orderId, request.customerId(), amount));
		this.kafka.send(ORDERS_PLACED, orderId, event).get();
		logger.info("order {} authorized as {} and announced", orderId, authorization.authorizationId());
		return ResponseEntity.status(HttpStatus.CREATED).body(new OrderResponse(orderId, "AUTHORIZED"));
	}

	record OrderRequest(String customerId, List<Item> items, String cardNumber) {

	}

	record Item(String sku, int quantity) {

	}

	record OrderResponse(String orderId, String status) {

	}

	record OrderPlaced(String orderId, String customerId, long amountCents) {

	}

}
