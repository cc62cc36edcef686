package io.github.correlation.conventions;

import java.util.List;

import io.github.correlation.kafka.KafkaRecordContexts;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * An application with the listeners a Kafka span comes from: a record listener of Boot's
 * container factory, one of a factory the application built itself, a failing one and a
 * batch listener that handles each record in its own context. Topics and groups start
 * with {@code test.prefix}, so that two applications share one broker.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(KafkaConventionsTestApplication.Listeners.class)
class KafkaConventionsTestApplication {

	@Bean
	DefaultErrorHandler errorHandler() {
		return new DefaultErrorHandler(new FixedBackOff(0, 0));
	}

	@Bean
	@SuppressWarnings("unchecked")
	ConcurrentKafkaListenerContainerFactory<Object, Object> userFactory(ConsumerFactory<?, ?> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory((ConsumerFactory<Object, Object>) consumerFactory);
		return factory;
	}

	static class Listeners {

		private final KafkaRecordContexts recordContexts;

		Listeners(KafkaRecordContexts recordContexts) {
			this.recordContexts = recordContexts;
		}

		@KafkaListener(topics = "${test.prefix}.placed", groupId = "${test.prefix}.placed")
		void onPlaced(ConsumerRecord<String, String> record) {
		}

		@KafkaListener(topics = "${test.prefix}.user", groupId = "${test.prefix}.user",
				containerFactory = "userFactory")
		void onUser(ConsumerRecord<String, String> record) {
		}

		@KafkaListener(topics = "${test.prefix}.failing", groupId = "${test.prefix}.failing")
		void onFailing(ConsumerRecord<String, String> record) {
			throw new IllegalStateException("cannot handle " + record.value());
		}

		@KafkaListener(id = "${test.prefix}.batch", topics = "${test.prefix}.batch", groupId = "${test.prefix}.batch",
				batch = "true")
		void onBatch(List<ConsumerRecord<String, String>> records) {
			this.recordContexts.forEach(records, (record) -> {
			});
		}

		@KafkaListener(id = "${test.prefix}.failing-batch", topics = "${test.prefix}.failing-batch",
				groupId = "${test.prefix}.failing-batch", batch = "true")
		void onFailingBatch(List<ConsumerRecord<String, String>> records) {
			throw new IllegalStateException("cannot handle a batch of " + records.size());
		}

	}

}
