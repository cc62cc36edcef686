package io.github.correlation.samples.orders;

import java.util.List;

import io.github.correlation.kafka.KafkaRecordContexts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Marks orders paid in batches read from {@code payments.captured}. Each record is
 * handled in its own checkout's trace through {@link KafkaRecordContexts}, so its log
 * lines, its SQL and its confirmation belong to that checkout.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@Component
class PaidOrders {

	private static final Logger logger = LoggerFactory.getLogger(PaidOrders.class);

	private final OrderRepository orders;

	private final Notifications notifications;

	private final KafkaRecordContexts recordContexts;

	private final JsonMapper json;

	PaidOrders(OrderRepository orders, Notifications notifications, KafkaRecordContexts recordContexts,
			JsonMapper json) {
		this.orders = orders;
		this.notifications = notifications;
		this.recordContexts = recordContexts;
		this.json = json;
	}

	@KafkaListener(topics = "payments.captured", groupId = "orders", batch = "true")
	void onPaymentsCaptured(List<ConsumerRecord<String, String>> records) {
		logger.info("received {} captured payments", records.size());
		this.recordContexts.forEach(records, (record) -> {
			PaymentCaptured payment = this.json.readValue(record.value(), PaymentCaptured.class);
			this.orders.updateStatus(payment.orderId(), "PAID");
			logger.info("order {} paid", payment.orderId());
			this.notifications.sendConfirmation(payment.orderId());
		});
	}

	record PaymentCaptured(String orderId, long amountCents) {

	}

}
