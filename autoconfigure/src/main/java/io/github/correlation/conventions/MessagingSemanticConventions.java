package io.github.correlation.conventions;

import java.util.Set;
import java.util.UUID;

import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * The names and values of the OpenTelemetry semantic conventions for messaging spans and
 * metrics as they apply to Kafka, specification v1.41.0 ({@code docs/messaging/kafka.md},
 * {@code messaging-spans.md}, {@code messaging-metrics.md}). Unlike the HTTP conventions,
 * the messaging conventions still have <em>Development</em> status in that version: the
 * names may change before they are declared stable.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class MessagingSemanticConventions {

	/**
	 * The version of the specification followed.
	 */
	public static final String VERSION = HttpSemanticConventions.VERSION;

	/**
	 * The messaging system, {@code kafka}.
	 */
	public static final String SYSTEM = "messaging.system";

	/**
	 * The system-specific name of the operation: {@code send}, {@code process},
	 * {@code receive}.
	 */
	public static final String OPERATION_NAME = "messaging.operation.name";

	/**
	 * The kind of the operation: {@code send}, {@code process}, {@code receive}.
	 */
	public static final String OPERATION_TYPE = "messaging.operation.type";

	/**
	 * The topic.
	 */
	public static final String DESTINATION_NAME = "messaging.destination.name";

	/**
	 * The partition, as a string.
	 */
	public static final String DESTINATION_PARTITION_ID = "messaging.destination.partition.id";

	/**
	 * The consumer group.
	 */
	public static final String CONSUMER_GROUP_NAME = "messaging.consumer.group.name";

	/**
	 * The client id of the consumer.
	 */
	public static final String CLIENT_ID = "messaging.client.id";

	/**
	 * The record's offset in its partition.
	 */
	public static final String KAFKA_OFFSET = "messaging.kafka.offset";

	/**
	 * The record's key, where it has a canonical string form.
	 */
	public static final String KAFKA_MESSAGE_KEY = "messaging.kafka.message.key";

	/**
	 * {@code true} for a record without a value.
	 */
	public static final String KAFKA_MESSAGE_TOMBSTONE = "messaging.kafka.message.tombstone";

	/**
	 * The number of records of a batch.
	 */
	public static final String BATCH_MESSAGE_COUNT = "messaging.batch.message_count";

	/**
	 * The class of the error the operation ended with, only when it failed.
	 */
	public static final String ERROR_TYPE = HttpSemanticConventions.ERROR_TYPE;

	/**
	 * {@code kafka}.
	 */
	public static final String KAFKA = "kafka";

	/**
	 * The operation of a template send.
	 */
	public static final String SEND = "send";

	/**
	 * The operation of a listener handling one record.
	 */
	public static final String PROCESS = "process";

	/**
	 * The operation of a listener handed a batch of records.
	 */
	public static final String RECEIVE = "receive";

	/**
	 * The meter of sends: {@code messaging.client.operation.duration}.
	 */
	public static final String CLIENT_OPERATION_DURATION = "messaging.client.operation.duration";

	/**
	 * The meter of processed records: {@code messaging.process.duration}.
	 */
	public static final String PROCESS_DURATION = "messaging.process.duration";

	/**
	 * Attributes the conventions type as integers.
	 */
	public static final Set<String> INTEGER_ATTRIBUTES = Set.of(KAFKA_OFFSET, BATCH_MESSAGE_COUNT);

	/**
	 * Attributes the conventions type as booleans.
	 */
	public static final Set<String> BOOLEAN_ATTRIBUTES = Set.of(KAFKA_MESSAGE_TOMBSTONE);

	private MessagingSemanticConventions() {
	}

	/**
	 * The span name of an operation on one destination: {@code send orders.placed}.
	 * @param operation the operation name
	 * @param destination the topic
	 * @return the span name
	 */
	public static String spanName(String operation, String destination) {
		return operation + " " + destination;
	}

	/**
	 * The key values every Kafka operation has: {@code messaging.system},
	 * {@code messaging.operation.name}, {@code messaging.operation.type} (the same here)
	 * and {@code messaging.destination.name}.
	 * @param operation the operation
	 * @param destination the topic
	 * @return the key values
	 */
	public static KeyValues kafkaOperation(String operation, String destination) {
		return KeyValues.of(SYSTEM, KAFKA, OPERATION_NAME, operation, OPERATION_TYPE, operation, DESTINATION_NAME,
				destination);
	}

	/**
	 * Add {@code error.type} to the key values of a failed operation.
	 * @param values the operation's key values
	 * @param error the error, or {@code null} when the operation succeeded
	 * @return the key values, with {@code error.type} if the operation failed
	 */
	public static KeyValues withErrorType(KeyValues values, @Nullable Throwable error) {
		String errorType = errorType(error);
		return (errorType != null) ? values.and(ERROR_TYPE, errorType) : values;
	}

	/**
	 * A record key's string form, or {@code null} for keys without an unambiguous,
	 * canonical one (the conventions then leave the attribute out): strings, numbers and
	 * UUIDs have one; byte arrays and objects do not.
	 * @param key the record key
	 * @return its string form, or {@code null}
	 */
	public static @Nullable String messageKey(@Nullable Object key) {
		if (key instanceof CharSequence || key instanceof Number || key instanceof UUID) {
			return key.toString();
		}
		return null;
	}

	/**
	 * The {@code error.type} of a failed operation: the canonical class name of the
	 * exception, of the listener's own exception rather than Spring Kafka's wrapper.
	 * @param error the error, or {@code null} when the operation succeeded
	 * @return the error type, or {@code null} when the operation succeeded
	 */
	public static @Nullable String errorType(@Nullable Throwable error) {
		if (error == null) {
			return null;
		}
		Throwable cause = (error instanceof ListenerExecutionFailedException && error.getCause() != null)
				? error.getCause() : error;
		return cause.getClass().getName();
	}

}
