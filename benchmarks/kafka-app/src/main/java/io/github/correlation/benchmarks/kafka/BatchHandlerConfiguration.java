package io.github.correlation.benchmarks.kafka;

import io.github.correlation.kafka.KafkaRecordContexts;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Handling each record of a batch in its own context with {@code KafkaRecordContexts},
 * where the starter is present; Boot has nothing of the kind.
 *
 * @author Correlation contributors
 */
@Configuration(proxyBeanMethods = false)
class BatchHandlerConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.github.correlation.kafka.KafkaRecordContexts")
	static class WithStarter {

		@Bean
		BatchHandler recordContextsBatchHandler(KafkaRecordContexts recordContexts) {
			return recordContexts::forEach;
		}

	}

}
