package io.github.correlation.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.messaging.Message;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * An application that produces from HTTP requests and consumes with record and batch
 * listeners; listeners log and call a downstream HTTP server.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ KafkaTestApplication.Producer.class, KafkaTestApplication.Listeners.class })
class KafkaTestApplication {

	static final List<ConsumerRecord<?, ?>> deadLetters = new CopyOnWriteArrayList<>();

	static final Map<String, Integer> deliveries = new java.util.concurrent.ConcurrentHashMap<>();

	static final Map<String, Integer> fuzzDeliveries = new java.util.concurrent.ConcurrentHashMap<>();

	static final List<ConsumerRecord<?, ?>> batchDeadLetters = new CopyOnWriteArrayList<>();

	@Bean
	DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> template) {
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template);
		return new DefaultErrorHandler((record, exception) -> {
			LoggerFactory.getLogger(KafkaTestApplication.class).warn("recovering {}", record.value());
			deadLetters.accept(record, exception);
		}, new FixedBackOff(0, 2));
	}

	@RestController
	static class Producer {

		private static final Logger logger = LoggerFactory.getLogger(Producer.class);

		private final KafkaTemplate<Object, Object> template;

		Producer(KafkaTemplate<Object, Object> template) {
			this.template = template;
		}

		@PostMapping("/send")
		String send(@RequestParam String topic, @RequestParam String value) throws Exception {
			logger.info("sending {}", value);
			this.template.send(topic, value, value).get();
			return "sent";
		}

	}

	static class Listeners {

		private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

		private final RestClient restClient;

		private final KafkaRecordContexts recordContexts;

		private final String downstream;

		Listeners(RestClient.Builder builder, KafkaRecordContexts recordContexts,
				@Value("${test.downstream}") String downstream) {
			this.restClient = builder.build();
			this.recordContexts = recordContexts;
			this.downstream = downstream;
		}

		@KafkaListener(topics = "records", groupId = "records")
		void onRecord(ConsumerRecord<String, String> record) {
			logger.info("record {}", record.value());
			if (record.value().startsWith("odd")) {
				logger.warn("record {} looks odd", record.value());
			}
			call("/record/" + record.value());
		}

		@KafkaListener(id = "batch", topics = "batch", groupId = "batch", batch = "true", autoStartup = "false")
		void onBatch(List<ConsumerRecord<String, String>> records) {
			logger.info("batch of {}", records.size());
			this.recordContexts.forEach(records, (record) -> {
				logger.info("batch record {}", record.value());
				if (record.value().equals("b3")) {
					logger.warn("batch record {} looks odd", record.value());
				}
				call("/batch/" + record.value());
			});
			logger.info("batch done");
		}

		@KafkaListener(id = "messages", topics = "messages", groupId = "messages", batch = "true",
				autoStartup = "false")
		void onMessages(List<Message<String>> messages) {
			this.recordContexts.forEach(messages, (message) -> logger.info("message {}", message.getPayload()));
		}

		@KafkaListener(topics = "failing", groupId = "failing")
		void onFailing(ConsumerRecord<String, String> record) {
			logger.info("attempt {}", record.value());
			throw new IllegalStateException("cannot handle " + record.value());
		}

		@KafkaListener(topics = "failing-dlt", groupId = "failing-dlt")
		void onDeadLetter(ConsumerRecord<String, String> record) {
			logger.info("dead letter {}", record.value());
			deadLetters.add(record);
		}

		@KafkaListener(id = "failing-batch", topics = "failing-batch", groupId = "failing-batch", batch = "true",
				autoStartup = "false")
		void onFailingBatch(List<ConsumerRecord<String, String>> records) {
			for (int i = 0; i < records.size(); i++) {
				if (records.get(i).value().startsWith("bad")) {
					throw new BatchListenerFailedException("cannot handle " + records.get(i).value(), i);
				}
			}
		}

		@KafkaListener(topics = "failing-batch-dlt", groupId = "failing-batch-dlt")
		void onBatchDeadLetter(ConsumerRecord<String, String> record) {
			logger.info("batch dead letter {}", record.value());
			batchDeadLetters.add(record);
		}

		@KafkaListener(topics = "malformed", groupId = "malformed")
		void onMalformed(ConsumerRecord<String, String> record) {
			deliveries.merge(record.value(), 1, Integer::sum);
			logger.info("malformed {}", record.value());
		}

		@KafkaListener(topics = "fuzz", groupId = "fuzz", concurrency = "4")
		void onFuzz(ConsumerRecord<String, String> record) {
			fuzzDeliveries.merge(record.value(), 1, Integer::sum);
			logger.info("fuzz {}", record.value());
			call("/fuzz/" + record.value());
		}

		private void call(String path) {
			this.restClient.get().uri(this.downstream + path).retrieve().toBodilessEntity();
		}

	}

}
