package io.github.correlation.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.correlation.kafka.internal.ListenerInfo;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.messaging.Message;

/**
 * Runs the code that handles one record of a batch in that record's own context. Spring
 * Kafka runs a batch listener with no span of any record current, so its log lines, HTTP
 * calls and sends would belong to no checkout. Each record handled through this class
 * gets the observation Spring Kafka gives a record listener: a {@code <topic> process}
 * span that is a child of the record's producer span, with its trace id, span id and
 * request id in the MDC; the batch's context is restored after each record.
 *
 * <pre class="code">
 * &#64;KafkaListener(topics = "payments.captured", batch = "true")
 * void onCaptured(List&lt;ConsumerRecord&lt;String, PaymentCaptured&gt;&gt; records) {
 *     this.recordContexts.forEach(records, (record) -&gt; this.orders.markPaid(record.value()));
 * }
 * </pre>
 *
 * Records may be {@link ConsumerRecord}s or the {@link Message}s Spring Kafka converts
 * them to.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class KafkaRecordContexts {

	private final ObservationRegistry registry;

	/**
	 * Create a new instance.
	 * @param registry the observation registry; with {@link ObservationRegistry#NOOP}
	 * records are handled without a context
	 */
	public KafkaRecordContexts(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Handle each record in its own context, in order.
	 * @param <R> the record type, {@link ConsumerRecord} or {@link Message}
	 * @param records the records of the batch
	 * @param action handles one record
	 */
	public <R> void forEach(Iterable<R> records, Consumer<? super R> action) {
		for (R record : records) {
			run(record, () -> action.accept(record));
		}
	}

	/**
	 * Run an action in a record's context.
	 * @param record the record, a {@link ConsumerRecord} or {@link Message}
	 * @param action the action
	 */
	public void run(Object record, Runnable action) {
		call(record, () -> {
			action.run();
			return null;
		});
	}

	/**
	 * Call an action in a record's context.
	 * @param <T> the result type
	 * @param record the record, a {@link ConsumerRecord} or {@link Message}
	 * @param action the action
	 * @return the action's result
	 */
	public <T> @Nullable T call(Object record, Supplier<T> action) {
		try (Scope scope = open(record)) {
			try {
				return action.get();
			}
			catch (RuntimeException | Error ex) {
				scope.error(ex);
				throw ex;
			}
		}
	}

	/**
	 * Make a record's context current until the returned scope is closed, for code that
	 * cannot be written as a lambda.
	 * @param record the record, a {@link ConsumerRecord} or {@link Message}
	 * @return the scope, to close on the same thread
	 */
	public Scope open(Object record) {
		ConsumerRecord<?, ?> consumerRecord = toConsumerRecord(record);
		ListenerInfo listener = ListenerInfo.current();
		String groupId = (listener != null) ? listener.groupId() : KafkaUtils.getConsumerGroupId();
		String listenerId = (listener != null) ? listener.listenerId() : String.valueOf(groupId);
		Observation observation = KafkaListenerObservation.LISTENER_OBSERVATION
			.observation((listener != null) ? listener.convention() : null,
					DefaultKafkaListenerObservationConvention.INSTANCE,
					() -> new KafkaRecordReceiverContext(consumerRecord, listenerId, null, groupId, () -> null),
					this.registry)
			.start();
		return new Scope(observation, observation.openScope());
	}

	private static ConsumerRecord<?, ?> toConsumerRecord(Object record) {
		if (record instanceof ConsumerRecord<?, ?> consumerRecord) {
			return consumerRecord;
		}
		if (record instanceof Message<?> message) {
			return toConsumerRecord(message);
		}
		throw new IllegalArgumentException("Not a Kafka record: " + record);
	}

	private static ConsumerRecord<?, ?> toConsumerRecord(Message<?> message) {
		if (message.getHeaders().get(KafkaHeaders.RAW_DATA) instanceof ConsumerRecord<?, ?> raw) {
			return raw;
		}
		Map<String, Object> headers = message.getHeaders();
		RecordHeaders recordHeaders = new RecordHeaders();
		headers.forEach((name, value) -> {
			if (value instanceof byte[] bytes) {
				recordHeaders.add(name, bytes);
			}
			else if (value instanceof String text) {
				recordHeaders.add(name, text.getBytes(StandardCharsets.UTF_8));
			}
		});
		String topic = String.valueOf(headers.getOrDefault(KafkaHeaders.RECEIVED_TOPIC, "unknown"));
		int partition = (headers.get(KafkaHeaders.RECEIVED_PARTITION) instanceof Integer p) ? p : 0;
		long offset = (headers.get(KafkaHeaders.OFFSET) instanceof Long o) ? o : -1;
		return new ConsumerRecord<>(topic, partition, offset, ConsumerRecord.NO_TIMESTAMP,
				TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE,
				headers.get(KafkaHeaders.RECEIVED_KEY), message.getPayload(), recordHeaders, Optional.empty());
	}

	/**
	 * A record's context made current; closing it ends the record's span and restores the
	 * batch's context.
	 */
	public static final class Scope implements AutoCloseable {

		private final Observation observation;

		private final Observation.Scope scope;

		private Scope(Observation observation, Observation.Scope scope) {
			this.observation = observation;
			this.scope = scope;
		}

		/**
		 * Record that handling the record failed.
		 * @param error the failure
		 */
		public void error(Throwable error) {
			this.observation.error(error);
		}

		@Override
		public void close() {
			this.scope.close();
			this.observation.stop();
		}

	}

}
