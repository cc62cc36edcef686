package io.github.correlation.autoconfigure;

import io.github.correlation.CarrierHeaders;
import io.github.correlation.kafka.KafkaBatchSpans;
import io.github.correlation.kafka.KafkaHeadersGetter;
import io.github.correlation.kafka.KafkaListenerContainerDecorator;
import io.github.correlation.kafka.KafkaRecordContexts;
import io.github.correlation.kafka.TraceHeaderProblems;
import io.github.correlation.test.MultiMapCarrier;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.springframework.test.util.ReflectionTestUtils;

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
		this.contextRunner
			.withPropertyValues("spring.kafka.template.observation-enabled=true", "spring.kafka.bootstrap-servers=x:1")
			.withBean("ownTemplate", KafkaTemplate.class,
					() -> new KafkaTemplate<>(
							new DefaultKafkaProducerFactory<>(java.util.Map.of("bootstrap.servers", "x:1"))))
			.run((context) -> assertThat(
					ReflectionTestUtils.getField(context.getBean("ownTemplate"), "observationEnabled"))
				.isEqualTo(true));
	}

	@Test
	void leavesTemplatesAloneWhenBootsSwitchIsOff() {
		this.contextRunner
			.withPropertyValues("spring.kafka.template.observation-enabled=false", "spring.kafka.bootstrap-servers=x:1")
			.withBean("ownTemplate", KafkaTemplate.class,
					() -> new KafkaTemplate<>(
							new DefaultKafkaProducerFactory<>(java.util.Map.of("bootstrap.servers", "x:1"))))
			.run((context) -> assertThat(
					ReflectionTestUtils.getField(context.getBean("ownTemplate"), "observationEnabled"))
				.isEqualTo(false));
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
			assertThat(ReflectionTestUtils.getField(context.getBean(KafkaRecordContexts.class), "registry"))
				.isSameAs(ObservationRegistry.NOOP);
		});
	}

	@Test
	void backsOffWithoutKafka() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaListenerContainerDecorator.class)
				.doesNotHaveBean(TraceHeaderProblems.class));
	}

}
