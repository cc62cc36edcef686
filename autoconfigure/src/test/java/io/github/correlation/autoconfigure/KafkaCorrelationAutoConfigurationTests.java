package io.github.correlation.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.correlation.CarrierHeaders;
import io.github.correlation.autoconfigure.ClientCorrelationAutoConfigurationTests.RecordingHandler;
import io.github.correlation.kafka.KafkaRecordContexts;
import io.github.correlation.kafka.internal.KafkaBatchSpans;
import io.github.correlation.kafka.internal.KafkaHeadersGetter;
import io.github.correlation.kafka.internal.KafkaListenerContainerDecorator;
import io.github.correlation.kafka.internal.TraceHeaderProblems;
import io.github.correlation.test.EmbeddedKafka;
import io.github.correlation.test.MultiMapCarrier;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaCorrelationAutoConfigurationTests {

	/**
	 * Sees one value per header, as Spring Kafka's own getter does.
	 */
	private static final TextMapGetter<ConsumerRecord<?, ?>> LAST_HEADER_ONLY = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(ConsumerRecord<?, ?> carrier) {
			return java.util.List.of();
		}

		@Override
		public String get(ConsumerRecord<?, ?> carrier, String key) {
			var header = carrier.headers().lastHeader(key);
			return (header != null) ? new String(header.value(), java.nio.charset.StandardCharsets.UTF_8) : null;
		}

	};

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, KafkaAutoConfiguration.class,
				CorrelationAutoConfiguration.class, KafkaCorrelationAutoConfiguration.class));

	@Test
	void suppliesTheKafkaBoundary() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TraceHeaderProblems.class)
				.hasSingleBean(KafkaBatchSpans.class)
				.hasSingleBean(KafkaRecordContexts.class)
				.hasSingleBean(KafkaListenerContainerDecorator.class);
			assertThat(context.getBean(CarrierHeaders.class)).isSameAs(KafkaHeadersGetter.INSTANCE);
		});
	}

	@Test
	void theApplicationsPropagatorSeesDuplicatedKafkaHeaders() {
		this.contextRunner.run((context) -> {
			ConsumerRecord<String, String> record = new ConsumerRecord<>("t", 0, 0, "k", "v");
			record.headers().add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes());
			record.headers().add("traceparent", "00-12345678901234567890123456789012-1234567890123456-01".getBytes());
			Context extracted = context.getBean(ContextPropagators.class)
				.getTextMapPropagator()
				.extract(Context.root(), record, LAST_HEADER_ONLY);
			assertThat(Span.fromContext(extracted).getSpanContext().isValid()).isFalse();
			Context single = context.getBean(ContextPropagators.class)
				.getTextMapPropagator()
				.extract(Context.root(),
						MultiMapCarrier.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
						MultiMapCarrier.GETTER);
			assertThat(Span.fromContext(single).getSpanContext().isValid()).isTrue();
		});
	}

	@Test
	void switchesObservationOnForTheApplicationsOwnTemplates() {
		List<String> observed = templateObservations("spring.kafka.template.observation-enabled=true");
		// The send's future may complete just before the observation stops.
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(observed).containsExactly("spring.kafka.template"));
	}

	@Test
	void leavesTemplatesAloneWhenBootsSwitchIsOff() {
		assertThat(templateObservations("spring.kafka.template.observation-enabled=false")).isEmpty();
	}

	/**
	 * Send one record to a real broker through a template the application built itself.
	 */
	private List<String> templateObservations(String bootsSwitch) {
		List<String> observed = new CopyOnWriteArrayList<>();
		String servers = EmbeddedKafka.bootstrapServers();
		this.contextRunner.withPropertyValues(bootsSwitch, "spring.kafka.bootstrap-servers=" + servers)
			.withBean(ObservationHandler.class, () -> new RecordingHandler(observed))
			.withBean("ownTemplate", KafkaTemplate.class,
					() -> new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of("bootstrap.servers", servers),
							new StringSerializer(), new StringSerializer())))
			.run((context) -> context.getBean("ownTemplate", KafkaTemplate.class)
				.send("own-template", "value")
				.get(30, TimeUnit.SECONDS));
		return observed;
	}

	@Test
	void backsOffForCustomBeans() {
		KafkaRecordContexts custom = new KafkaRecordContexts(ObservationRegistry.NOOP);
		this.contextRunner.withBean("customRecordContexts", KafkaRecordContexts.class, () -> custom)
			.run((context) -> assertThat(context.getBean(KafkaRecordContexts.class)).isSameAs(custom));
	}

	@Test
	void batchSpansCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("correlation.kafka.batch-span.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(KafkaBatchSpans.class);
			assertThat(context).hasSingleBean(KafkaListenerContainerDecorator.class);
		});
	}

	@Test
	void isOffWhenDisabled() {
		this.contextRunner.withPropertyValues("correlation.kafka.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(KafkaListenerContainerDecorator.class);
			assertThat(context).doesNotHaveBean(CarrierHeaders.class);
			assertThat(context).hasSingleBean(KafkaRecordContexts.class);
			List<String> observed = new CopyOnWriteArrayList<>();
			context.getBean(ObservationRegistry.class)
				.observationConfig()
				.observationHandler(new RecordingHandler(observed));
			context.getBean(KafkaRecordContexts.class)
				.run(new ConsumerRecord<>("topic", 0, 0, "key", "value"), () -> observed.add("ran"));
			assertThat(observed).as("the action runs, without an observation").containsExactly("ran");
		});
	}

	@Test
	void backsOffWithoutKafka() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaListenerContainerDecorator.class)
				.doesNotHaveBean(TraceHeaderProblems.class));
	}

}
