package io.github.correlation.samples.payments;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Captures the payment of every placed order: reads {@code orders.placed} with a record
 * listener and publishes {@code payments.captured}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@Component
class PaymentCapture {

	static final String ORDERS_PLACED = "orders.placed";

	static final String PAYMENTS_CAPTURED = "payments.captured";

	private static final Logger logger = LoggerFactory.getLogger(PaymentCapture.class);

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	PaymentCapture(KafkaTemplate<String, String> kafka, JsonMapper json) {
		this.kafka = kafka;
		this.json = json;
	}

	@KafkaListener(topics = ORDERS_PLACED, groupId = "payments")
	void onOrderPlaced(ConsumerRecord<String, String> record) throws Exception {
		OrderPlaced order = this.json.readValue(record.value(), OrderPlaced.class);
		logger.info("capturing payment of {} cents for order {}", order.amountCents(), order.orderId());
		String captured = this.json.writeValueAsString(new PaymentCaptured(order.orderId(), order.amountCents()));
		this.kafka.send(PAYMENTS_CAPTURED, order.orderId(), captured).get();
		logger.info("payment captured for order {}", order.orderId());
	}

	record OrderPlaced(String orderId, String customerId, long amountCents) {

	}

	record PaymentCaptured(String orderId, long amountCents) {

	}

}
