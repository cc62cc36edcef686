package io.github.correlation.smoke.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.correlation.smoke.kafka.KafkaSmokeApplication.Consumed;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service without a web server, with every {@code correlation.*} switch on, edge trust
 * included: it starts, and its record listener consumes every record in its producer's
 * trace, on a real broker. Edge trust decides on records alone there.
 */
class KafkaSmokeApplicationTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARTNER_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static EmbeddedKafkaKraftBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1, "orders.placed", "partner.events");
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void consumesEveryRecordInItsProducersTraceWithEverySwitchOn() throws Exception {
		assertThat(ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest", getClass().getClassLoader()))
			.as("the servlet API on the class path")
			.isFalse();
		try (ConfigurableApplicationContext context = SpringApplication.run(KafkaSmokeApplication.class,
				"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
				"--spring.kafka.consumer.auto-offset-reset=earliest", "--management.tracing.sampling.probability=1.0",
				"--correlation.edge.enabled=true", "--correlation.edge.untrusted-topics=partner.*",
				"--correlation.audit.internal=true", "--correlation.web.trace-id-header.enabled=true");
				KafkaProducer<String, String> producer = producer()) {
			@SuppressWarnings("unchecked")
			BlockingQueue<Consumed> consumed = context.getBean(BlockingQueue.class);
			send(producer, "orders.placed", "first", TRACE_ID);
			assertThat(consumed.poll(60, TimeUnit.SECONDS)).isEqualTo(new Consumed("first", TRACE_ID, TRACE_ID));

			send(producer, "partner.events", "from a partner", PARTNER_TRACE_ID);
			Consumed partner = consumed.poll(30, TimeUnit.SECONDS);
			assertThat(partner).isNotNull();
			assertThat(partner.value()).isEqualTo("from a partner");
			assertThat(partner.traceId()).as("an untrusted topic's record starts a trace of our own")
				.isNotNull()
				.isNotEqualTo(PARTNER_TRACE_ID)
				.isEqualTo(partner.mdcTraceId());

			send(producer, "orders.placed", "second", TRACE_ID);
			assertThat(consumed.poll(30, TimeUnit.SECONDS)).as("the listener still consumes after the edge decided")
				.isEqualTo(new Consumed("second", TRACE_ID, TRACE_ID));
		}
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
				new StringSerializer(), new StringSerializer());
	}

	private static void send(KafkaProducer<String, String> producer, String topic, String value, String traceId)
			throws Exception {
		ProducerRecord<String, String> record = new ProducerRecord<>(topic, value);
		record.headers()
			.add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.ISO_8859_1));
		producer.send(record).get(30, TimeUnit.SECONDS);
	}

}
