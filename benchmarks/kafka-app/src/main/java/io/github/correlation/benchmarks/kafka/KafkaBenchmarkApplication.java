package io.github.correlation.benchmarks.kafka;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The application of the Kafka load run: it starts a KRaft broker in process, sends
 * records with Boot's {@code KafkaTemplate} and consumes them with a record listener, a
 * batch listener and, where the starter is present, a batch listener that handles each
 * record in its own context ({@code KafkaRecordContexts}), each logging one line per
 * record, and prints how many records per second went through each. Tracing comes from
 * the variant's class path.
 *
 * @author Correlation contributors
 */
@SpringBootApplication
public class KafkaBenchmarkApplication {

	static final String RECORD_TOPIC = "bench.records";

	static final String BATCH_TOPIC = "bench.batch";

	static final String CONTEXTS_TOPIC = "bench.batch-contexts";

	private static final Logger logger = LoggerFactory.getLogger(KafkaBenchmarkApplication.class);

	private final AtomicReference<CountDownLatch> remaining = new AtomicReference<>(new CountDownLatch(0));

	private final @Nullable BatchHandler recordContexts;

	KafkaBenchmarkApplication(ObjectProvider<BatchHandler> recordContexts) {
		this.recordContexts = recordContexts.getIfAvailable();
	}

	@KafkaListener(topics = RECORD_TOPIC, groupId = "bench-records")
	void onRecord(ConsumerRecord<String, String> record) {
		logger.info("record {}", record.value());
		this.remaining.get().countDown();
	}

	@KafkaListener(topics = BATCH_TOPIC, groupId = "bench-batch", batch = "true")
	void onBatch(List<ConsumerRecord<String, String>> records) {
		records.forEach(this::handle);
	}

	@KafkaListener(topics = CONTEXTS_TOPIC, groupId = "bench-batch-contexts", batch = "true")
	void onBatchInRecordContexts(List<ConsumerRecord<String, String>> records) {
		this.recordContexts.handle(records, this::handle);
	}

	private void handle(ConsumerRecord<String, String> record) {
		logger.info("batch record {}", record.value());
		this.remaining.get().countDown();
	}

	/**
	 * Send records to a topic and wait until its listener has handled all of them.
	 * @param template the template
	 * @param topic the topic
	 * @param count how many records
	 * @return records per second, from the first send to the last record handled
	 * @throws InterruptedException when interrupted
	 */
	double run(KafkaTemplate<String, String> template, String topic, int count) throws InterruptedException {
		CountDownLatch latch = new CountDownLatch(count);
		this.remaining.set(latch);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			template.send(topic, "key-" + (i % 64), "value-" + i);
		}
		template.flush();
		if (!latch.await(5, TimeUnit.MINUTES)) {
			throw new IllegalStateException(latch.getCount() + " records of " + topic + " were not handled");
		}
		return count * 1e9 / (System.nanoTime() - start);
	}

	@SuppressWarnings("unchecked")
	public static void main(String[] args) throws Exception {
		int records = Integer.getInteger("bench.records", 20000);
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2, RECORD_TOPIC, BATCH_TOPIC, CONTEXTS_TOPIC);
		broker.afterPropertiesSet();
		try (ConfigurableApplicationContext context = SpringApplication.run(KafkaBenchmarkApplication.class,
				withBroker(args, broker))) {
			KafkaBenchmarkApplication application = context.getBean(KafkaBenchmarkApplication.class);
			KafkaTemplate<String, String> template = context.getBean(KafkaTemplate.class);
			boolean contexts = application.recordContexts != null;
			application.run(template, RECORD_TOPIC, records / 4);
			application.run(template, BATCH_TOPIC, records / 4);
			if (contexts) {
				application.run(template, CONTEXTS_TOPIC, records / 4);
			}
			double record = application.run(template, RECORD_TOPIC, records);
			double batch = application.run(template, BATCH_TOPIC, records);
			double inContexts = contexts ? application.run(template, CONTEXTS_TOPIC, records) : Double.NaN;
			System.out.printf("RESULT record=%.1f batch=%.1f contexts=%.1f%n", record, batch, inContexts);
		}
		finally {
			broker.destroy();
		}
	}

	private static String[] withBroker(String[] args, EmbeddedKafkaKraftBroker broker) {
		String[] all = new String[args.length + 1];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString();
		return all;
	}

}
