package io.github.correlation.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

import io.github.correlation.test.EmbeddedKafka;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.RecordingHttpServer.RecordedRequest;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records from a topic that outside producers write to get the edge decision: a new trace
 * linked to the producer's, and none of its baggage.
 */
class KafkaEdgeIntegrationTests {

	private static final String PARTNER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@AutoClose
	private static final RecordingHttpServer downstream = new RecordingHttpServer();

	@AutoClose
	private static final ConfigurableApplicationContext context = TestApplication.run(
			new Class<?>[] { KafkaTestApplication.class, SpanCapture.class },
			"spring.kafka.bootstrap-servers=" + EmbeddedKafka.bootstrapServers(),
			"spring.kafka.consumer.auto-offset-reset=earliest", "test.downstream=" + downstream.url(""),
			"management.tracing.sampling.probability=1.0", "correlation.edge.enabled=true",
			"correlation.edge.untrusted-topics=rec*", "management.tracing.baggage.remote-fields=user_id");

	@Test
	void aRecordFromAnUntrustedTopicStartsANewTraceLinkedToTheProducers() {
		ProducerRecord<String, String> record = new ProducerRecord<>("records", "partner", "partner");
		record.headers().add("traceparent", ascii("00-" + PARTNER_TRACE_ID + "-00f067aa0ba902b7-01"));
		record.headers().add("baggage", ascii("user_id=admin"));
		record.headers().add("user_id", ascii("admin"));
		send(record);
		RecordedRequest call = downstream.takeRequest(Duration.ofSeconds(30));
		String traceId = call.header("traceparent").substring(3, 35);
		assertThat(traceId).isNotEqualTo(PARTNER_TRACE_ID);
		assertThat(call.header("baggage")).doesNotContain("user_id");
		assertThat(call.header("user_id")).isNull();
		SpanData process = SpanCapture.awaitSpan(context.getBean(InMemorySpanExporter.class), traceId,
				SpanKind.CONSUMER);
		assertThat(process.getParentSpanContext().isValid()).isFalse();
		assertThat(process.getLinks()).singleElement()
			.satisfies((link) -> assertThat(link.getSpanContext().getTraceId()).isEqualTo(PARTNER_TRACE_ID));
	}

	private static void send(ProducerRecord<String, String> record) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
				new StringSerializer())) {
			producer.send(record);
		}
	}

	private static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.US_ASCII);
	}

}
