package io.github.correlation.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.correlation.kafka.internal.TraceHeaderProblems;
import io.github.correlation.test.EmbeddedKafka;
import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records with malformed trace headers are processed once, on a fresh trace or with the
 * valid part, and counted per topic; never a listener exception, never a retry.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedKafkaHeadersIntegrationTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String VALID = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

	@AutoClose
	private static final RecordingHttpServer downstream = new RecordingHttpServer();

	@AutoClose
	private static final ConfigurableApplicationContext context = TestApplication.run(
			new Class<?>[] { KafkaTestApplication.class },
			"spring.kafka.bootstrap-servers=" + EmbeddedKafka.bootstrapServers(),
			"spring.kafka.consumer.auto-offset-reset=earliest", "test.downstream=" + downstream.url(""),
			"logging.structured.format.console=logstash");

	@Test
	void processesEachMalformedRecordOnceAndCountsIt(CapturedOutput output) {
		send("garbage", "traceparent", ascii("not-a-traceparent"));
		send("duplicate", "traceparent", ascii(VALID), "traceparent",
				ascii("00-12345678901234567890123456789012-1234567890123456-01"));
		send("binary", "traceparent", new byte[] { (byte) 0xC3, (byte) 0x28, 0x00, (byte) 0xFF });
		send("oversized", "traceparent", ascii(VALID), "baggage", ascii(bigBaggage()));
		send("hostile-id", "traceparent", ascii(VALID), "X-Request-Id", ascii("evil\r\nx: y"));
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> KafkaTestApplication.deliveries.keySet()
				.containsAll(List.of("garbage", "duplicate", "binary", "oversized", "hostile-id")));
		assertThat(KafkaTestApplication.deliveries).containsEntry("garbage", 1)
			.containsEntry("duplicate", 1)
			.containsEntry("binary", 1)
			.containsEntry("oversized", 1)
			.containsEntry("hostile-id", 1);
		for (String fresh : List.of("garbage", "duplicate", "binary")) {
			Map<String, Object> line = JsonLogLines.single(output, "malformed " + fresh);
			assertThat((String) line.get("trace_id")).as(fresh)
				.matches("[0-9a-f]{32}")
				.isNotIn(TRACE_ID, "12345678901234567890123456789012");
		}
		Map<String, Object> oversized = JsonLogLines.single(output, "malformed oversized");
		assertThat(oversized).containsEntry("trace_id", TRACE_ID).containsEntry("request_id", "first-id");
		Map<String, Object> hostile = JsonLogLines.single(output, "malformed hostile-id");
		assertThat(hostile).containsEntry("trace_id", TRACE_ID);
		assertThat((String) hostile.get("request_id")).matches("[0-9a-f-]{36}");
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		assertThat(count(meters, "traceparent", "invalid")).isEqualTo(1);
		assertThat(count(meters, "traceparent", "duplicate")).isEqualTo(1);
		assertThat(count(meters, "traceparent", "encoding")).isEqualTo(1);
		assertThat(count(meters, "baggage", "oversized")).isEqualTo(1);
		assertThat(count(meters, "X-Request-Id", "invalid")).isEqualTo(1);
		assertThat(JsonLogLines.matching(output, (line) -> "ERROR".equals(line.get("level")))).isEmpty();
	}

	private static double count(MeterRegistry meters, String header, String problem) {
		return meters.get(TraceHeaderProblems.METER)
			.tag("topic", "malformed")
			.tag("header", header)
			.tag("problem", problem)
			.counter()
			.count();
	}

	private static String bigBaggage() {
		StringBuilder baggage = new StringBuilder("request_id=first-id");
		for (int i = 0; i < 100; i++) {
			baggage.append(",k").append(i).append('=').append("v".repeat(100));
		}
		return baggage.toString();
	}

	private static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.US_ASCII);
	}

	private static void send(String value, Object... headers) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers());
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
			ProducerRecord<String, String> record = new ProducerRecord<>("malformed", value, value);
			List<Object> pairs = new ArrayList<>(List.of(headers));
			for (int i = 0; i < pairs.size(); i += 2) {
				record.headers().add((String) pairs.get(i), (byte[]) pairs.get(i + 1));
			}
			producer.send(record);
		}
	}

}
