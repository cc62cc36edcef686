package io.github.correlation.kafka.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.correlation.kafka.KafkaRecordContexts;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class CorrelationErrorHandlerTests {

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final ConsumerRecord<String, String> first = new ConsumerRecord<>("orders", 0, 10, "k1", "v1");

	private final ConsumerRecord<String, String> second = new ConsumerRecord<>("orders", 0, 11, "k2", "v2");

	private final ConsumerRecords<String, String> batch = new ConsumerRecords<>(
			Map.of(new TopicPartition("orders", 0), List.of(this.first, this.second)), Map.of());

	private final Consumer<?, ?> consumer = mock(Consumer.class);

	private final MessageListenerContainer container = mock(MessageListenerContainer.class);

	CorrelationErrorHandlerTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
	}

	@Test
	void handlesABatchInTheContextOfTheRecordThatFailed() {
		assertThat(recordSeenByTheDelegate(new BatchListenerFailedException("failed", this.second)))
			.isSameAs(this.second);
	}

	@Test
	void findsTheFailedRecordByItsIndex() {
		assertThat(recordSeenByTheDelegate(new BatchListenerFailedException("failed", 1))).isSameAs(this.second);
		assertThat(recordSeenByTheDelegate(
				new IllegalStateException("wrapped", new BatchListenerFailedException("failed", 0))))
			.isSameAs(this.first);
	}

	@Test
	void handlesOtherFailuresOutsideAnyRecordContext() {
		assertThat(recordSeenByTheDelegate(new IllegalStateException("no record named"))).isNull();
		assertThat(recordSeenByTheDelegate(new BatchListenerFailedException("index out of the batch", 5))).isNull();
	}

	@Test
	void returnsWhatTheDelegateLeavesRemaining() {
		CommonErrorHandler delegate = mock(CommonErrorHandler.class);
		ConsumerRecords<Object, Object> remaining = new ConsumerRecords<>(Map.of(), Map.of());
		given(delegate.handleBatchAndReturnRemaining(org.mockito.ArgumentMatchers.any(),
				org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
				org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any()))
			.willReturn(remaining);
		CorrelationErrorHandler handler = new CorrelationErrorHandler(delegate, new KafkaRecordContexts(this.registry));
		assertThat(handler.<Object, Object>handleBatchAndReturnRemaining(
				new BatchListenerFailedException("failed", this.first), this.batch, this.consumer, this.container,
				() -> {
				}))
			.isSameAs(remaining);
	}

	@Test
	void leavesEverythingElseToTheDelegate() {
		CommonErrorHandler delegate = mock(CommonErrorHandler.class);
		given(delegate.seeksAfterHandling()).willReturn(true);
		given(delegate.deliveryAttemptHeader()).willReturn(true);
		given(delegate.isAckAfterHandle()).willReturn(false);
		TopicPartitionOffset offset = new TopicPartitionOffset("orders", 0, 10L);
		given(delegate.deliveryAttempt(offset)).willReturn(3);
		CorrelationErrorHandler handler = new CorrelationErrorHandler(delegate, new KafkaRecordContexts(this.registry));
		assertThat(handler.getDelegate()).isSameAs(delegate);
		assertThat(handler.seeksAfterHandling()).isTrue();
		assertThat(handler.deliveryAttemptHeader()).isTrue();
		assertThat(handler.isAckAfterHandle()).isFalse();
		assertThat(handler.deliveryAttempt(offset)).isEqualTo(3);
		RuntimeException failure = new RuntimeException("boom");
		handler.handleOne(failure, this.first, this.consumer, this.container);
		verify(delegate).handleOne(failure, this.first, this.consumer, this.container);
		handler.handleRemaining(failure, List.of(this.first), this.consumer, this.container);
		verify(delegate).handleRemaining(failure, List.of(this.first), this.consumer, this.container);
		handler.handleOtherException(failure, this.consumer, this.container, true);
		verify(delegate).handleOtherException(failure, this.consumer, this.container, true);
		handler.setAckAfterHandle(true);
		verify(delegate).setAckAfterHandle(true);
		handler.clearThreadState();
		verify(delegate).clearThreadState();
	}

	private @Nullable ConsumerRecord<?, ?> recordSeenByTheDelegate(Exception failure) {
		AtomicReference<@Nullable ConsumerRecord<?, ?>> seen = new AtomicReference<>();
		CommonErrorHandler delegate = new CommonErrorHandler() {

			@Override
			public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
					MessageListenerContainer container, Runnable invokeListener) {
				Observation current = CorrelationErrorHandlerTests.this.registry.getCurrentObservation();
				if (current != null && current.getContext() instanceof KafkaRecordReceiverContext receiver) {
					seen.set(receiver.getRecord());
				}
			}

		};
		new CorrelationErrorHandler(delegate, new KafkaRecordContexts(this.registry)).handleBatch(failure, this.batch,
				this.consumer, this.container, () -> {
				});
		assertThat(this.registry.getCurrentObservation()).as("no observation left open").isNull();
		return seen.get();
	}

}
