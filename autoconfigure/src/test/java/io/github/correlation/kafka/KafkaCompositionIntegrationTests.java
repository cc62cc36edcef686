package io.github.correlation.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.correlation.test.EmbeddedKafka;
import io.github.correlation.test.JsonLogLines;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own container factory, template and interceptors: the starter
 * composes with them instead of replacing them, and still correlates.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaCompositionIntegrationTests {

	static final List<String> intercepted = new CopyOnWriteArrayList<>();

	@Test
	void composesWithTheApplicationsFactoryTemplateAndInterceptors(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OwnFactoryApplication.class)
			.properties("spring.main.web-application-type=none",
					"spring.kafka.bootstrap-servers=" + EmbeddedKafka.bootstrapServers(),
					"spring.kafka.consumer.auto-offset-reset=earliest", "logging.structured.format.console=logstash")
			.run()) {
			@SuppressWarnings("unchecked")
			KafkaTemplate<String, String> template = context.getBean("ownTemplate", KafkaTemplate.class);
			ProducerRecord<String, String> resent = new ProducerRecord<>("own-records", "k", "resent");
			resent.headers().add("traceparent", "00-11111111111111111111111111111111-2222222222222222-01".getBytes());
			resent.headers().add("X-Request-Id", "stale-id".getBytes());
			ConsumerRecord<?, ?> received;
			try (var scope = io.opentelemetry.context.Context.root()
				.with(io.opentelemetry.api.baggage.Baggage.builder().put("request_id", "fresh-id").build())
				.makeCurrent()) {
				template.send(resent).get();
			}
			Map<String, Object> line = Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> JsonLogLines.withMessage(output, "own record resent"), (lines) -> !lines.isEmpty())
				.get(0);
			received = OwnFactoryApplication.records.get(0);
			assertThat(received.headers().headers("traceparent")).hasSize(1);
			assertThat(received.headers().headers("X-Request-Id")).singleElement()
				.satisfies((header) -> assertThat(new String(header.value())).isEqualTo("fresh-id"));
			assertThat(line.get("trace_id")).isNotEqualTo("11111111111111111111111111111111").isNotNull();
			assertThat(line).containsEntry("request_id", "fresh-id").containsEntry("seen_by_interceptor", "yes");
			assertThat(intercepted).contains("record:resent");
			template.send("own-batch", "k", "b1").get();
			template.send("own-batch", "k", "b2").get();
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> JsonLogLines.withMessage(output, "own batch record b2"), (lines) -> !lines.isEmpty());
			assertThat(intercepted).contains("batch");
			assertThat(JsonLogLines.single(output, "own batch record b1")).containsKey("trace_id");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(OwnFactoryApplication.Listeners.class)
	static class OwnFactoryApplication {

		static final List<ConsumerRecord<?, ?>> records = new CopyOnWriteArrayList<>();

		@Bean
		ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory(
				ConsumerFactory<String, String> consumerFactory) {
			ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
			factory.setConsumerFactory(consumerFactory);
			// set by a container customizer, after the factory configured the container
			factory.setContainerCustomizer((container) -> container.setRecordInterceptor(new RecordInterceptor<>() {

				@Override
				public ConsumerRecord<String, String> intercept(ConsumerRecord<String, String> record,
						Consumer<String, String> consumer) {
					intercepted.add("record:" + record.value());
					MDC.put("seen_by_interceptor", "yes");
					return record;
				}

				@Override
				public void afterRecord(ConsumerRecord<String, String> record, Consumer<String, String> consumer) {
					MDC.remove("seen_by_interceptor");
				}

			}));
			factory.setBatchInterceptor(new BatchInterceptor<>() {

				@Override
				public ConsumerRecords<String, String> intercept(ConsumerRecords<String, String> batch,
						Consumer<String, String> consumer) {
					intercepted.add("batch");
					return batch;
				}

			});
			return factory;
		}

		@Bean
		ConcurrentKafkaListenerContainerFactory<String, String> batchFactory(
				ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory,
				ConsumerFactory<String, String> consumerFactory) {
			ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
			factory.setConsumerFactory(consumerFactory);
			factory.setBatchListener(true);
			factory.setBatchInterceptor(Objects.requireNonNull(kafkaListenerContainerFactory.getBatchInterceptor()));
			return factory;
		}

		@Bean
		KafkaTemplate<String, String> ownTemplate(ProducerFactory<String, String> producerFactory) {
			return new KafkaTemplate<>(producerFactory);
		}

		static class Listeners {

			private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

			private final KafkaRecordContexts recordContexts;

			Listeners(KafkaRecordContexts recordContexts) {
				this.recordContexts = recordContexts;
			}

			@KafkaListener(topics = "own-records", groupId = "own-records")
			void onRecord(ConsumerRecord<String, String> record) {
				records.add(record);
				logger.info("own record {}", record.value());
			}

			@KafkaListener(topics = "own-batch", groupId = "own-batch", containerFactory = "batchFactory")
			void onBatch(List<ConsumerRecord<String, String>> batch) {
				this.recordContexts.forEach(batch, (record) -> logger.info("own batch record {}", record.value()));
			}

		}

	}

}
