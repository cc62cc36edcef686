package io.github.correlation.conventions;

import io.micrometer.common.KeyValues;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.support.micrometer.KafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.util.StringUtils;

/**
 * The OpenTelemetry semantic conventions for the observation of a Kafka listener handling
 * one record, whether Spring Kafka observes a record listener or
 * {@code KafkaRecordContexts} a record of a batch: the observation (and timer)
 * {@code messaging.process.duration}, a {@code CONSUMER} span named {@code process
 * {topic}}.
 * <p>
 * The low-cardinality key values, the timer's tags too, are the metric's attributes:
 * {@code messaging.system}, {@code messaging.operation.name},
 * {@code messaging.operation.type}, {@code messaging.destination.name},
 * {@code messaging.destination.partition.id}, {@code messaging.consumer.group.name} (when
 * the listener has a group) and {@code error.type} (only on failure, the listener's own
 * exception). The high-cardinality ones are on the span only:
 * {@code messaging.kafka.offset}, {@code messaging.kafka.message.key},
 * {@code messaging.client.id} and {@code messaging.kafka.message.tombstone} (only for a
 * record without value).
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see MessagingSemanticConventions
 */
public final class OpenTelemetryKafkaListenerConvention implements KafkaListenerObservationConvention {

	@Override
	public String getName() {
		return MessagingSemanticConventions.PROCESS_DURATION;
	}

	@Override
	public String getContextualName(KafkaRecordReceiverContext context) {
		return MessagingSemanticConventions.spanName(MessagingSemanticConventions.PROCESS, context.getSource());
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(KafkaRecordReceiverContext context) {
		KeyValues values = MessagingSemanticConventions
			.kafkaOperation(MessagingSemanticConventions.PROCESS, context.getSource())
			.and(MessagingSemanticConventions.DESTINATION_PARTITION_ID, context.getPartition());
		if (StringUtils.hasText(context.getGroupId())) {
			values = values.and(MessagingSemanticConventions.CONSUMER_GROUP_NAME, context.getGroupId());
		}
		return MessagingSemanticConventions.withErrorType(values, context.getError());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(KafkaRecordReceiverContext context) {
		ConsumerRecord<?, ?> record = context.getRecord();
		KeyValues values = KeyValues.empty();
		if (record.offset() >= 0) {
			values = values.and(MessagingSemanticConventions.KAFKA_OFFSET, Long.toString(record.offset()));
		}
		String key = MessagingSemanticConventions.messageKey(record.key());
		if (key != null) {
			values = values.and(MessagingSemanticConventions.KAFKA_MESSAGE_KEY, key);
		}
		if (StringUtils.hasText(context.getClientId())) {
			values = values.and(MessagingSemanticConventions.CLIENT_ID, context.getClientId());
		}
		if (record.value() == null) {
			values = values.and(MessagingSemanticConventions.KAFKA_MESSAGE_TOMBSTONE, "true");
		}
		return values;
	}

}
