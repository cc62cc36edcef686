package io.github.correlation.conventions;

import io.micrometer.common.KeyValues;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservationConvention;

/**
 * The OpenTelemetry semantic conventions for the observation of a {@code KafkaTemplate}
 * send: the observation (and timer) {@code messaging.client.operation.duration}, a
 * {@code PRODUCER} span named {@code send {topic}}.
 * <p>
 * The low-cardinality key values, the timer's tags too, are the metric's attributes:
 * {@code messaging.system}, {@code messaging.operation.name},
 * {@code messaging.operation.type}, {@code messaging.destination.name},
 * {@code messaging.destination.partition.id} (once the broker acknowledged the record, or
 * when the record names its partition) and {@code error.type} (only on failure). The
 * high-cardinality ones are on the span only: {@code messaging.kafka.message.key},
 * {@code messaging.kafka.offset} (once acknowledged) and
 * {@code messaging.kafka.message.tombstone} (only for a record without value).
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see MessagingSemanticConventions
 * @see SendResultRecorder
 */
public final class OpenTelemetryKafkaTemplateConvention implements KafkaTemplateObservationConvention {

	@Override
	public String getName() {
		return MessagingSemanticConventions.CLIENT_OPERATION_DURATION;
	}

	@Override
	public String getContextualName(KafkaRecordSenderContext context) {
		return MessagingSemanticConventions.spanName(MessagingSemanticConventions.SEND, context.getDestination());
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(KafkaRecordSenderContext context) {
		KeyValues values = MessagingSemanticConventions.kafkaOperation(MessagingSemanticConventions.SEND,
				context.getDestination());
		Integer partition = partition(context);
		if (partition != null) {
			values = values.and(MessagingSemanticConventions.DESTINATION_PARTITION_ID, partition.toString());
		}
		return MessagingSemanticConventions.withErrorType(values, context.getError());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(KafkaRecordSenderContext context) {
		ProducerRecord<?, ?> record = context.getRecord();
		KeyValues values = KeyValues.empty();
		String key = MessagingSemanticConventions.messageKey(record.key());
		if (key != null) {
			values = values.and(MessagingSemanticConventions.KAFKA_MESSAGE_KEY, key);
		}
		RecordMetadata metadata = SendResultRecorder.metadata(context);
		if (metadata != null && metadata.hasOffset()) {
			values = values.and(MessagingSemanticConventions.KAFKA_OFFSET, Long.toString(metadata.offset()));
		}
		if (record.value() == null) {
			values = values.and(MessagingSemanticConventions.KAFKA_MESSAGE_TOMBSTONE, "true");
		}
		return values;
	}

	private static @Nullable Integer partition(KafkaRecordSenderContext context) {
		RecordMetadata metadata = SendResultRecorder.metadata(context);
		if (metadata != null && metadata.partition() >= 0) {
			return metadata.partition();
		}
		return context.getRecord().partition();
	}

}
