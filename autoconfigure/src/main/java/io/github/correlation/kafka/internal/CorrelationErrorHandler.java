package io.github.correlation.kafka.internal;

import java.util.Collection;
import java.util.List;

import io.github.correlation.kafka.KafkaRecordContexts;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * Decorates a container's {@link CommonErrorHandler} so that a failed batch is handled in
 * the context of the record that failed it, when the listener names that record with a
 * {@link BatchListenerFailedException}: retries and recovery (a dead-letter publish, for
 * one) then join that record's trace. Record listeners need no help, Spring Kafka already
 * runs their error handling in the record's observation; everything else is the decorated
 * handler's.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CorrelationErrorHandler implements CommonErrorHandler {

	private final CommonErrorHandler delegate;

	private final KafkaRecordContexts recordContexts;

	/**
	 * Create a new instance.
	 * @param delegate the error handler to decorate
	 * @param recordContexts runs code in a record's context
	 */
	public CorrelationErrorHandler(CommonErrorHandler delegate, KafkaRecordContexts recordContexts) {
		this.delegate = delegate;
		this.recordContexts = recordContexts;
	}

	/**
	 * Return the decorated error handler.
	 * @return the delegate
	 */
	public CommonErrorHandler getDelegate() {
		return this.delegate;
	}

	@Override
	public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
			MessageListenerContainer container, Runnable invokeListener) {
		ConsumerRecord<?, ?> failed = failedRecord(thrownException, data);
		Runnable handle = () -> this.delegate.handleBatch(thrownException, data, consumer, container, invokeListener);
		if (failed != null) {
			this.recordContexts.run(failed, handle);
		}
		else {
			handle.run();
		}
	}

	@Override
	public <K, V> ConsumerRecords<K, V> handleBatchAndReturnRemaining(Exception thrownException,
			ConsumerRecords<?, ?> data, Consumer<?, ?> consumer, MessageListenerContainer container,
			Runnable invokeListener) {
		ConsumerRecord<?, ?> failed = failedRecord(thrownException, data);
		if (failed == null) {
			return this.delegate.handleBatchAndReturnRemaining(thrownException, data, consumer, container,
					invokeListener);
		}
		return this.recordContexts.call(failed, () -> this.delegate.handleBatchAndReturnRemaining(thrownException, data,
				consumer, container, invokeListener));
	}

	private static @Nullable ConsumerRecord<?, ?> failedRecord(Exception thrownException, ConsumerRecords<?, ?> data) {
		Throwable cause = thrownException;
		while (cause != null && !(cause instanceof BatchListenerFailedException)) {
			cause = cause.getCause();
		}
		if (!(cause instanceof BatchListenerFailedException failure)) {
			return null;
		}
		if (failure.getRecord() != null) {
			return failure.getRecord();
		}
		int index = 0;
		for (ConsumerRecord<?, ?> record : data) {
			if (index++ == failure.getIndex()) {
				return record;
			}
		}
		return null;
	}

	@Override
	public boolean seeksAfterHandling() {
		return this.delegate.seeksAfterHandling();
	}

	@Override
	public boolean deliveryAttemptHeader() {
		return this.delegate.deliveryAttemptHeader();
	}

	@Override
	public void handleOtherException(Exception thrownException, Consumer<?, ?> consumer,
			MessageListenerContainer container, boolean batchListener) {
		this.delegate.handleOtherException(thrownException, consumer, container, batchListener);
	}

	@Override
	public boolean handleOne(Exception thrownException, ConsumerRecord<?, ?> record, Consumer<?, ?> consumer,
			MessageListenerContainer container) {
		return this.delegate.handleOne(thrownException, record, consumer, container);
	}

	@Override
	public void handleRemaining(Exception thrownException, List<ConsumerRecord<?, ?>> records, Consumer<?, ?> consumer,
			MessageListenerContainer container) {
		this.delegate.handleRemaining(thrownException, records, consumer, container);
	}

	@Override
	public int deliveryAttempt(TopicPartitionOffset topicPartitionOffset) {
		return this.delegate.deliveryAttempt(topicPartitionOffset);
	}

	@Override
	public void clearThreadState() {
		this.delegate.clearThreadState();
	}

	@Override
	public boolean isAckAfterHandle() {
		return this.delegate.isAckAfterHandle();
	}

	@Override
	public void setAckAfterHandle(boolean ack) {
		this.delegate.setAckAfterHandle(ack);
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
			Runnable publishPause) {
		this.delegate.onPartitionsAssigned(consumer, partitions, publishPause);
	}

}
