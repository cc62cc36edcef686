package io.github.correlation.conventions;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import io.github.correlation.test.EmbeddedKafka;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code correlation.conventions=opentelemetry}, the spans and meters of Kafka sends
 * and of records processed (by a record listener of Boot's container factory or of the
 * application's own, or one by one in a batch listener) follow the OpenTelemetry semantic
 * conventions for Kafka, specification v1.41.0 ({@code docs/messaging/kafka.md},
 * Development status), on a real broker; without it they stay Spring Kafka's.
 */
class KafkaConventionIntegrationTests {

	/**
	 * The attributes of a Kafka span in the conventions: the table of
	 * {@code docs/messaging/kafka.md} (v1.41.0, "Span attributes"), and
	 * {@code peer.service}, which the same page asks producers to set (Micrometer sets it
	 * from the cluster id).
	 */
	static final Set<String> SPEC_KAFKA_SPAN_ATTRIBUTES = Set.of("messaging.operation.name", "error.type",
			"messaging.batch.message_count", "messaging.destination.name", "messaging.kafka.message.tombstone",
			"messaging.operation.type", "server.address", "messaging.client.id", "messaging.consumer.group.name",
			"messaging.destination.partition.id", "messaging.kafka.message.key", "messaging.kafka.offset",
			"messaging.message.id", "server.port", "messaging.message.body.size", "messaging.system", "peer.service");

	/**
	 * The attributes of {@code messaging.client.operation.duration} and
	 * {@code messaging.process.duration} ({@code docs/messaging/messaging-metrics.md},
	 * v1.41.0).
	 */
	static final Set<String> SPEC_METRIC_ATTRIBUTES = Set.of("messaging.operation.name", "messaging.system",
			"error.type", "messaging.consumer.group.name", "messaging.destination.name",
			"messaging.destination.subscription.name", "messaging.destination.template", "messaging.operation.type",
			"server.address", "messaging.destination.partition.id", "server.port");

	private static ConfigurableApplicationContext context;

	private static ConfigurableApplicationContext defaults;

	@BeforeAll
	static void start() {
		context = start("otel", "correlation.conventions=opentelemetry");
		defaults = start("micrometer");
	}

	static ConfigurableApplicationContext start(String prefix, String... properties) {
		String[] common = { "spring.main.web-application-type=none", "test.prefix=" + prefix,
				"spring.kafka.bootstrap-servers=" + EmbeddedKafka.bootstrapServers(),
				"spring.kafka.consumer.auto-offset-reset=earliest", "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=50ms" };
		String[] all = new String[common.length + properties.length];
		System.arraycopy(common, 0, all, 0, common.length);
		System.arraycopy(properties, 0, all, common.length, properties.length);
		return TestApplication.run(new Class<?>[] { KafkaConventionsTestApplication.class, SpanCapture.class }, all);
	}

	@AfterAll
	static void stop() {
		context.close();
		defaults.close();
	}

	@Test
	void sendAndProcessSpansFollowTheConventions() {
		String key = "order-" + UUID.randomUUID();
		RecordMetadata sent = send(context, "otel.placed", key, "placed");
		SpanData send = awaitSpan(context, "send otel.placed", key);
		assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(SpanCapture.attributes(send)).containsEntry("messaging.system", "kafka")
			.containsEntry("messaging.operation.name", "send")
			.containsEntry("messaging.operation.type", "send")
			.containsEntry("messaging.destination.name", "otel.placed")
			.containsEntry("messaging.destination.partition.id", Integer.toString(sent.partition()))
			.containsEntry("messaging.kafka.offset", sent.offset())
			.containsEntry("messaging.kafka.message.key", key)
			.doesNotContainKeys("error.type", "messaging.kafka.message.tombstone");
		assertThat(send.getAttributes().asMap().keySet())
			.allSatisfy((attribute) -> assertThat(SPEC_KAFKA_SPAN_ATTRIBUTES).contains(attribute.getKey()));
		SpanData process = awaitSpan(context, "process otel.placed", key);
		assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
		assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
		assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
		assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(SpanCapture.attributes(process)).containsEntry("messaging.system", "kafka")
			.containsEntry("messaging.operation.name", "process")
			.containsEntry("messaging.operation.type", "process")
			.containsEntry("messaging.destination.name", "otel.placed")
			.containsEntry("messaging.destination.partition.id", Integer.toString(sent.partition()))
			.containsEntry("messaging.consumer.group.name", "otel.placed")
			.containsEntry("messaging.kafka.offset", sent.offset())
			.containsEntry("messaging.kafka.message.key", key)
			.containsKey("messaging.client.id")
			.doesNotContainKeys("error.type", "messaging.kafka.message.tombstone", "messaging.batch.message_count");
		assertThat(process.getAttributes().asMap().keySet())
			.allSatisfy((attribute) -> assertThat(SPEC_KAFKA_SPAN_ATTRIBUTES).contains(attribute.getKey()));
	}

	@Test
	void aRecordWithoutValueIsATombstone() {
		String key = "tombstone-" + UUID.randomUUID();
		send(context, "otel.placed", key, null);
		assertThat(SpanCapture.attributes(awaitSpan(context, "send otel.placed", key)))
			.containsEntry("messaging.kafka.message.tombstone", true);
		assertThat(SpanCapture.attributes(awaitSpan(context, "process otel.placed", key)))
			.containsEntry("messaging.kafka.message.tombstone", true);
	}

	@Test
	void listenersOfTheApplicationsOwnContainerFactoryFollowTheConventions() {
		String key = "user-" + UUID.randomUUID();
		send(context, "otel.user", key, "user");
		assertThat(SpanCapture.attributes(awaitSpan(context, "process otel.user", key)))
			.containsEntry("messaging.operation.type", "process")
			.containsEntry("messaging.consumer.group.name", "otel.user");
	}

	@Test
	void recordsOfABatchAreProcessedUnderTheConventions() {
		String key = "batch-" + UUID.randomUUID();
		RecordMetadata sent = send(context, "otel.batch", key, "batched");
		SpanData send = awaitSpan(context, "send otel.batch", key);
		SpanData process = awaitSpan(context, "process otel.batch", key);
		assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
		assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
		assertThat(SpanCapture.attributes(process)).containsEntry("messaging.operation.name", "process")
			.containsEntry("messaging.consumer.group.name", "otel.batch")
			.containsEntry("messaging.kafka.offset", sent.offset())
			.doesNotContainKey("messaging.batch.message_count");
	}

	@Test
	void aBatchIsReceivedUnderTheConventions() {
		String key = "received-" + UUID.randomUUID();
		RecordMetadata sent = send(context, "otel.batch", key, "batched");
		SpanData send = awaitSpan(context, "send otel.batch", key);
		SpanData receive = awaitSpan(context, "receive otel.batch", linkedTo(send));
		assertThat(receive.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(receive.getParentSpanId()).isEqualTo("0000000000000000");
		assertThat(receive.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		Map<String, Object> attributes = SpanCapture.attributes(receive);
		assertThat(attributes).containsEntry("messaging.system", "kafka")
			.containsEntry("messaging.operation.name", "receive")
			.containsEntry("messaging.operation.type", "receive")
			.containsEntry("messaging.destination.name", "otel.batch")
			.containsEntry("messaging.consumer.group.name", "otel.batch")
			.containsEntry("messaging.destination.partition.id", Integer.toString(sent.partition()))
			.containsKey("messaging.batch.message_count")
			.doesNotContainKeys("error.type", "messaging.kafka.offset", "messaging.kafka.message.key");
		assertThat((Long) attributes.get("messaging.batch.message_count")).isPositive();
		assertThat(attributes.keySet())
			.allSatisfy((attribute) -> assertThat(SPEC_KAFKA_SPAN_ATTRIBUTES).contains(attribute));
	}

	@Test
	void aFailedBatchHasAnErrorType() {
		String key = "failing-batch-" + UUID.randomUUID();
		send(context, "otel.failing-batch", key, "bad");
		SpanData send = awaitSpan(context, "send otel.failing-batch", key);
		SpanData receive = awaitSpan(context, "receive otel.failing-batch", linkedTo(send));
		assertThat(receive.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(SpanCapture.attributes(receive)).containsEntry("error.type", IllegalStateException.class.getName());
	}

	@Test
	void withoutTheSettingABatchKeepsItsEarlierShape() {
		String key = "default-batch-" + UUID.randomUUID();
		send(defaults, "micrometer.batch", key, "batched");
		SpanData receive = awaitSpan(defaults, "micrometer.batch receive", (span) -> true);
		assertThat(receive.getKind()).isEqualTo(SpanKind.CONSUMER);
		assertThat(SpanCapture.attributes(receive)).containsOnlyKeys("messaging.system", "messaging.operation.type",
				"messaging.destination.name", "messaging.batch.message_count", "messaging.consumer.group.name");
	}

	@Test
	void aFailedRecordHasAnErrorType() {
		String key = "failing-" + UUID.randomUUID();
		send(context, "otel.failing", key, "bad");
		SpanData process = awaitSpan(context, "process otel.failing", key);
		assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(SpanCapture.attributes(process)).containsEntry("error.type", IllegalStateException.class.getName());
	}

	@Test
	void metersAreTheConventionsMetrics() {
		String key = "metered-" + UUID.randomUUID();
		send(context, "otel.placed", key, "metered");
		awaitSpan(context, "process otel.placed", key);
		send(context, "otel.failing", key, "metered");
		awaitSpan(context, "process otel.failing", key);
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		assertThat(registry.find("spring.kafka.template").meters()).isEmpty();
		// Spring Kafka observes no batch: its batch listener keeps its plain timer
		assertThat(registry.find("spring.kafka.listener").meters()).allSatisfy(
				(meter) -> assertThat(meter.getId().getTag("name")).isIn("otel.batch-0", "otel.failing-batch-0"));
		Meter sends = registry.get(MessagingSemanticConventions.CLIENT_OPERATION_DURATION)
			.tag("messaging.destination.name", "otel.placed")
			.timer();
		assertThat(tags(sends)).containsOnlyKeys("messaging.system", "messaging.operation.name",
				"messaging.operation.type", "messaging.destination.name", "messaging.destination.partition.id");
		Meter processed = registry.get(MessagingSemanticConventions.PROCESS_DURATION)
			.tag("messaging.destination.name", "otel.placed")
			.timer();
		assertThat(tags(processed)).containsOnlyKeys("messaging.system", "messaging.operation.name",
				"messaging.operation.type", "messaging.destination.name", "messaging.destination.partition.id",
				"messaging.consumer.group.name");
		Meter failed = registry.get(MessagingSemanticConventions.PROCESS_DURATION)
			.tag("messaging.destination.name", "otel.failing")
			.timer();
		assertThat(tags(failed)).containsEntry("error.type", IllegalStateException.class.getName());
		for (Meter meter : registry.find(MessagingSemanticConventions.PROCESS_DURATION).meters()) {
			assertThat(SPEC_METRIC_ATTRIBUTES).containsAll(tags(meter).keySet());
		}
	}

	@Test
	void withoutTheSettingSpansAndMetersStaySpringKafkas() {
		String key = "default-" + UUID.randomUUID();
		send(defaults, "micrometer.placed", key, "placed");
		SpanData send = awaitSpan(defaults, "micrometer.placed send", (span) -> true);
		assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(SpanCapture.attributes(send)).containsEntry("messaging.operation", "publish")
			.containsEntry("messaging.destination.kind", "topic")
			.containsEntry("messaging.destination.name", "micrometer.placed")
			.containsEntry("spring.kafka.template.name", "kafkaTemplate")
			.containsOnlyKeys("messaging.system", "messaging.operation", "messaging.destination.kind",
					"messaging.destination.name", "spring.kafka.template.name", "peer.service");
		SpanData process = awaitSpan(defaults, "micrometer.placed process", (span) -> true);
		assertThat(SpanCapture.attributes(process)).containsEntry("messaging.operation", "process")
			.containsEntry("messaging.source.name", "micrometer.placed")
			.containsEntry("messaging.kafka.consumer.group", "micrometer.placed")
			.containsOnlyKeys("messaging.system", "messaging.operation", "messaging.source.name",
					"messaging.source.kind", "messaging.kafka.consumer.group", "spring.kafka.listener.id",
					"messaging.kafka.source.partition", "messaging.kafka.message.offset", "messaging.kafka.client_id",
					"messaging.consumer.id", "peer.service");
		MeterRegistry registry = defaults.getBean(MeterRegistry.class);
		assertThat(registry.find("spring.kafka.template").meters()).isNotEmpty();
		assertThat(registry.find("spring.kafka.listener").meters()).isNotEmpty();
		assertThat(registry.find(MessagingSemanticConventions.CLIENT_OPERATION_DURATION).meters()).isEmpty();
		assertThat(registry.find(MessagingSemanticConventions.PROCESS_DURATION).meters()).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static RecordMetadata send(ConfigurableApplicationContext context, String topic, String key, String value) {
		KafkaTemplate<Object, Object> template = context.getBean(KafkaTemplate.class);
		try {
			return template.send(topic, key, value).get().getRecordMetadata();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SpanData awaitSpan(ConfigurableApplicationContext context, String name, String key) {
		return awaitSpan(context, name,
				(span) -> key.equals(SpanCapture.attributes(span).get("messaging.kafka.message.key")));
	}

	private static SpanData awaitSpan(ConfigurableApplicationContext context, String name,
			Predicate<SpanData> condition) {
		InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
		return Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> exporter.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().equals(name) && condition.test(span))
				.findFirst()
				.orElse(null), (span) -> span != null);
	}

	private static Predicate<SpanData> linkedTo(SpanData send) {
		return (span) -> span.getLinks()
			.stream()
			.anyMatch((link) -> link.getSpanContext().getSpanId().equals(send.getSpanId()));
	}

	private static Map<String, String> tags(Meter meter) {
		return meter.getId().getTags().stream().collect(java.util.stream.Collectors.toMap(Tag::getKey, Tag::getValue));
	}

}
