package io.github.correlation.conventions;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;

/**
 * A {@code KafkaTemplate}'s producer listener that hands the broker's acknowledgement to
 * the send's observation, so that the span of a send carries the partition and offset the
 * record was written to. {@code KafkaTemplate} calls its producer listener with the
 * send's observation current and stops the observation right after; Spring Kafka's sender
 * context has no place for the metadata itself. The template's own producer listener, if
 * any, is called first, unchanged.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class SendResultRecorder<K, V> implements ProducerListener<K, V> {

	private final @Nullable ProducerListener<K, V> delegate;

	private final ObservationRegistry registry;

	/**
	 * Create a new instance.
	 * @param delegate the template's producer listener, or {@code null}
	 * @param registry the registry the template observes its sends with
	 */
	public SendResultRecorder(@Nullable ProducerListener<K, V> delegate, ObservationRegistry registry) {
		this.delegate = delegate;
		this.registry = registry;
	}

	/**
	 * Return the producer listener this one calls first.
	 * @return the delegate, or {@code null}
	 */
	public @Nullable ProducerListener<K, V> getDelegate() {
		return this.delegate;
	}

	@Override
	public void onSuccess(ProducerRecord<K, V> producerRecord, RecordMetadata recordMetadata) {
		if (this.delegate != null) {
			this.delegate.onSuccess(producerRecord, recordMetadata);
		}
		record(recordMetadata);
	}

	@Override
	public void onError(ProducerRecord<K, V> producerRecord, @Nullable RecordMetadata recordMetadata,
			Exception exception) {
		if (this.delegate != null) {
			this.delegate.onError(producerRecord, recordMetadata, exception);
		}
		record(recordMetadata);
	}

	private void record(@Nullable RecordMetadata metadata) {
		Observation observation = this.registry.getCurrentObservation();
		if (metadata != null && observation != null
				&& observation.getContext() instanceof KafkaRecordSenderContext context) {
			context.put(RecordMetadata.class, metadata);
		}
	}

	/**
	 * Return the acknowledgement recorded for a send.
	 * @param context the send's observation context
	 * @return the broker's metadata, or {@code null} before the acknowledgement
	 */
	static @Nullable RecordMetadata metadata(KafkaRecordSenderContext context) {
		return context.get(RecordMetadata.class);
	}

}
