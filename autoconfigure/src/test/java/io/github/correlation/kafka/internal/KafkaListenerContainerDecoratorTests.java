package io.github.correlation.kafka.internal;

import java.util.List;
import java.util.Map;

import io.github.correlation.kafka.KafkaRecordContexts;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.RecordInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaListenerContainerDecoratorTests {

	private final RecordInterceptor<String, String> ownRecordInterceptor = (record, consumer) -> record;

	private final BatchInterceptor<String, String> ownBatchInterceptor = (records, consumer) -> records;

	private final CommonErrorHandler ownErrorHandler = new DefaultErrorHandler();

	@Test
	void wrapsTheContainersOwnInterceptorsAndErrorHandler() {
		KafkaMessageListenerContainer<String, String> container = container();
		decorator(true, List.of()).decorate(container);
		assertThat(container.getContainerProperties().isObservationEnabled()).isTrue();
		assertThat(container.getRecordInterceptor()).isInstanceOfSatisfying(CorrelationRecordInterceptor.class,
				(interceptor) -> assertThat(interceptor.getDelegate()).isSameAs(this.ownRecordInterceptor));
		assertThat(container.getBatchInterceptor()).isInstanceOfSatisfying(CorrelationBatchInterceptor.class,
				(interceptor) -> assertThat(interceptor.getDelegate()).isSameAs(this.ownBatchInterceptor));
		assertThat(container.getCommonErrorHandler()).isInstanceOfSatisfying(CorrelationErrorHandler.class,
				(handler) -> assertThat(handler.getDelegate()).isSameAs(this.ownErrorHandler));
	}

	@Test
	void decoratingTwiceChangesNothing() {
		KafkaMessageListenerContainer<String, String> container = container();
		KafkaListenerContainerDecorator decorator = decorator(true, List.of());
		decorator.decorate(container);
		RecordInterceptor<String, String> recordInterceptor = container.getRecordInterceptor();
		BatchInterceptor<String, String> batchInterceptor = container.getBatchInterceptor();
		CommonErrorHandler errorHandler = container.getCommonErrorHandler();
		decorator.decorate(container);
		decorator(true, List.of()).decorate(container);
		assertThat(container.getRecordInterceptor()).isSameAs(recordInterceptor);
		assertThat(container.getBatchInterceptor()).isSameAs(batchInterceptor);
		assertThat(container.getCommonErrorHandler()).isSameAs(errorHandler);
	}

	@Test
	void leavesObservationToBootsSwitchAndAMissingErrorHandlerMissing() {
		KafkaMessageListenerContainer<String, String> container = new KafkaMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties("orders"));
		decorator(false, List.of()).decorate(container);
		assertThat(container.getContainerProperties().isObservationEnabled()).isFalse();
		assertThat(container.getCommonErrorHandler()).isNull();
		assertThat(container.getRecordInterceptor()).isInstanceOfSatisfying(CorrelationRecordInterceptor.class,
				(interceptor) -> assertThat(interceptor.getDelegate()).isNull());
	}

	@Test
	void decoratesEveryContainerWhenStarted() {
		KafkaMessageListenerContainer<String, String> container = container();
		KafkaListenerContainerDecorator decorator = decorator(true, List.of(container));
		assertThat(decorator.isRunning()).isFalse();
		decorator.start();
		assertThat(decorator.isRunning()).isTrue();
		assertThat(container.getRecordInterceptor()).isInstanceOf(CorrelationRecordInterceptor.class);
		assertThat(decorator.getPhase()).isLessThan(container.getPhase());
		decorator.stop();
		assertThat(decorator.isRunning()).isFalse();
	}

	private KafkaMessageListenerContainer<String, String> container() {
		KafkaMessageListenerContainer<String, String> container = new KafkaMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties("orders"));
		container.setRecordInterceptor(this.ownRecordInterceptor);
		container.setBatchInterceptor(this.ownBatchInterceptor);
		container.setCommonErrorHandler(this.ownErrorHandler);
		return container;
	}

	private static KafkaListenerContainerDecorator decorator(boolean observationEnabled,
			List<org.springframework.kafka.listener.MessageListenerContainer> containers) {
		return new KafkaListenerContainerDecorator(() -> containers, observationEnabled,
				new TraceHeaderProblems(null, null), null, new KafkaRecordContexts(ObservationRegistry.NOOP));
	}

}
