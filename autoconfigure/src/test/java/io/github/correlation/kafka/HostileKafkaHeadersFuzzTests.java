package io.github.correlation.kafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.correlation.fuzz.HostileValues;
import io.github.correlation.fuzz.Invariants;
import io.github.correlation.test.EmbeddedKafka;
import io.github.correlation.test.Progress;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.RecordingHttpServer.RecordedRequest;
import io.github.correlation.test.TestApplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile trace headers on real Kafka records: generated {@code traceparent},
 * {@code tracestate}, {@code baggage} and request id values, several instances of each,
 * as UTF-8, as Latin-1 or as arbitrary bytes (often invalid UTF-8), sent by a plain
 * producer to a real broker and consumed by a record listener of a Boot application with
 * the starter, which calls a real downstream server. Every record must reach the listener
 * exactly once, with no exception and no retry; every header sent downstream must be
 * well-formed and free of rejected input; every JSON log line one line of valid JSON.
 */
@Tag("fuzz")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HostileKafkaHeadersFuzzTests {

	@AfterEach
	void clearLoggingSystemProperties() {
		TestApplication.clearLoggingSystemProperties();
	}

	@Test
	void hostileHeadersNeverBreakARecordOrLeaveTheApplication() throws Exception {
		Path logFile = Path.of("target", "fuzz", "kafka.log").toAbsolutePath();
		Files.deleteIfExists(logFile);
		HostileValues values = new HostileValues(HostileValues.SEED + 1, true);
		Invariants invariants = new Invariants();
		Map<String, Integer> tried = new TreeMap<>();
		Map<String, Set<String>> rejectedByRecord = new HashMap<>();
		Set<String> allRejected = new HashSet<>();
		KafkaTestApplication.fuzzDeliveries.clear();
		// Four partitions for the listener's four consumers: the records are many
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers()))) {
			if (!admin.listTopics().names().get().contains("fuzz")) {
				admin.createTopics(List.of(new NewTopic("fuzz", 4, (short) 1))).all().get();
			}
		}
		KafkaTestApplication.deadLetters.clear();
		try (RecordingHttpServer downstream = new RecordingHttpServer();
				ConfigurableApplicationContext app = TestApplication.run(new Class<?>[] { KafkaTestApplication.class },
						"spring.kafka.bootstrap-servers=" + EmbeddedKafka.bootstrapServers(),
						"spring.kafka.consumer.auto-offset-reset=earliest", "test.downstream=" + downstream.url(""),
						"management.tracing.sampling.probability=1.0",
						"management.tracing.baggage.remote-fields=user_id",
						"management.tracing.baggage.correlation.fields=user_id", "logging.file.name=" + logFile,
						"logging.structured.format.file=logstash", "logging.threshold.console=off");
				KafkaProducer<String, String> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
								ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
								ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			int records = 0;
			while (tried.size() < 4
					|| tried.values().stream().mapToInt(Integer::intValue).min().orElse(0) < HostileValues.TRIES) {
				String value = "r" + records++;
				ProducerRecord<String, String> record = new ProducerRecord<>("fuzz", value, value);
				Set<String> rejected = new HashSet<>();
				add(values, record, tried, "traceparent", values::traceparent, rejected,
						(text) -> !Invariants.isValidTraceparent(text));
				add(values, record, tried, "tracestate", values::tracestate, null, null);
				add(values, record, tried, "baggage", values::baggage, null, null);
				add(values, record, tried, "X-Request-Id", values::requestId, rejected,
						(text) -> !Invariants.isValidRequestId(text));
				rejectedByRecord.put(value, rejected);
				allRejected.addAll(rejected);
				producer.send(record);
			}
			producer.flush();
			int sent = records;
			// As long as records keep arriving: at full length a slow runner needs
			// minutes
			Progress.awaitCount("records handed to the listener", KafkaTestApplication.fuzzDeliveries::size, sent,
					Duration.ofSeconds(60));
			for (int i = 0; i < sent; i++) {
				RecordedRequest call = downstream.takeRequest(Duration.ofSeconds(30));
				String value = call.uri().substring("/fuzz/".length());
				invariants.checkPropagated("record " + value + " downstream", call.headers(),
						rejectedByRecord.getOrDefault(value, Set.of()));
			}
			Map<String, Integer> deliveries = new HashMap<>(KafkaTestApplication.fuzzDeliveries);
			long redelivered = deliveries.values().stream().filter((count) -> count != 1).count();
			List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
			lines.forEach((line) -> invariants.checkLogLine(line, allRejected));
			long recovered = lines.stream().filter((line) -> line.contains("\"recovering ")).count();
			System.out.printf(
					"Kafka fuzz (seed %d): %d records, header values tried %s, handed to the listener %d, more than once %d, recovered by the error handler %d, %d log lines; failures: %d%n",
					HostileValues.SEED + 1, sent, tried, deliveries.size(), redelivered, recovered, lines.size(),
					invariants.failureCount());
			assertThat(invariants.failures()).as("seed %d", HostileValues.SEED + 1).isEmpty();
			assertThat(deliveries).hasSize(sent);
			assertThat(redelivered).as("records handed to the listener more than once").isZero();
			assertThat(recovered).as("records that failed in the listener").isZero();
			assertThat(KafkaTestApplication.deadLetters).isEmpty();
			assertThat(tried.values()).allMatch((count) -> count >= HostileValues.TRIES);
		}
	}

	private static void add(HostileValues values, ProducerRecord<String, String> record, Map<String, Integer> tried,
			String header, Supplier<String> generator, Set<String> rejected,
			java.util.function.Predicate<String> isRejected) {
		if (!values.chance(75)) {
			return;
		}
		int instances = values.chance(80) ? 1 : values.between(2, 4);
		for (int i = 0; i < instances; i++) {
			String text = generator.get();
			byte[] bytes = values.bytes(text);
			record.headers()
				.add(header.equals("X-Request-Id") ? values.pick(header, "x-request-id", "X-Correlation-Id")
						: values.pick(header, header.toUpperCase()), bytes);
			// A repeated traceparent is invalid as a whole; of repeated request ids the
			// last
			// one counts, so each is judged on its own
			boolean repeatedTraceparent = instances > 1 && header.equals("traceparent");
			if (rejected != null && (repeatedTraceparent || isRejected.test(text))) {
				rejected.add(text);
				rejected.add(new String(bytes, StandardCharsets.UTF_8));
			}
		}
		tried.merge(header, instances, Integer::sum);
	}

}
