package io.github.correlation.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.correlation.CarrierHeaders;
import io.github.correlation.audit.BoundaryInventory;
import io.github.correlation.audit.ContextAudit;
import io.github.correlation.internal.FrameworkFields;
import io.github.correlation.kafka.KafkaRecordContexts;
import io.github.correlation.kafka.internal.KafkaBatchSpans;
import io.github.correlation.kafka.internal.KafkaHeadersGetter;
import io.github.correlation.kafka.internal.KafkaListenerContainerDecorator;
import io.github.correlation.kafka.internal.TraceHeaderProblems;
import io.github.correlation.requestid.RequestIdPropagator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Auto-configuration of Kafka correlation. Boot's own switches for template and listener
 * observation default to on (see {@link CorrelationEnvironmentPostProcessor}); this class
 * applies them to templates and containers the application built itself as well,
 * decorates every listener container, and provides {@link KafkaRecordContexts} for batch
 * listeners. With {@code correlation.kafka.enabled=false}, {@link KafkaRecordContexts}
 * stays injectable and simply runs the code it is given.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = CorrelationAutoConfiguration.class,
		afterName = { CorrelationAutoConfiguration.OPENTELEMETRY_TRACING_AUTO_CONFIGURATION,
				"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration" })
@ConditionalOnClass({ KafkaTemplate.class, ObservationRegistry.class, Tracer.class })
@EnableConfigurationProperties({ CorrelationKafkaProperties.class, AuditProperties.class, ConventionsProperties.class })
public final class KafkaCorrelationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KafkaRecordContexts kafkaRecordContexts(ObjectProvider<ObservationRegistry> registry,
			CorrelationKafkaProperties properties) {
		return new KafkaRecordContexts(properties.isEnabled() ? registry.getIfAvailable(() -> ObservationRegistry.NOOP)
				: ObservationRegistry.NOOP);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "correlation.kafka.enabled", matchIfMissing = true)
	static class KafkaCorrelationConfiguration {

		private static final String TEMPLATE_OBSERVATION = "spring.kafka.template.observation-enabled";

		private static final String LISTENER_OBSERVATION = "spring.kafka.listener.observation-enabled";

		@Bean
		@ConditionalOnMissingBean(KafkaHeadersGetter.class)
		CarrierHeaders kafkaHeadersGetter() {
			return KafkaHeadersGetter.INSTANCE;
		}

		@Bean
		@ConditionalOnMissingBean
		TraceHeaderProblems kafkaTraceHeaderProblems(ObjectProvider<MeterRegistry> meterRegistry,
				ObjectProvider<RequestIdPropagator> requestIds, ObjectProvider<ContextAudit> audit,
				AuditProperties auditProperties) {
			return new TraceHeaderProblems(meterRegistry.getIfUnique(), requestIds.getIfAvailable(),
					audit.getIfAvailable(), auditProperties.isInternal());
		}

		@Bean
		BoundaryInventory kafkaConsumerBoundaryInventory(KafkaListenerContainerDecorator decorator) {
			return BoundaryInventory.of("kafka.consumer", () -> only(decorator.getDecorated(), true),
					() -> only(decorator.getDecorated(), false));
		}

		@Bean
		BoundaryInventory kafkaProducerBoundaryInventory(ListableBeanFactory beanFactory) {
			return BoundaryInventory.of("kafka.producer", () -> templates(beanFactory, true),
					() -> templates(beanFactory, false));
		}

		private static Map<String, String> only(Map<String, String> containers, boolean observed) {
			Map<String, String> selected = new TreeMap<>();
			containers.forEach((id, state) -> {
				if (state.equals("observed") == observed) {
					selected.put(id, "listener container, " + state);
				}
			});
			return selected;
		}

		private static Map<String, String> templates(ListableBeanFactory beanFactory, boolean observed) {
			Map<String, String> selected = new TreeMap<>();
			beanFactory.getBeansOfType(KafkaTemplate.class, false, false).forEach((name, template) -> {
				Boolean enabled = FrameworkFields
					.read(template, "observationEnabled", Boolean.class, name,
							"The correlation report cannot say whether it is observed.")
					.value();
				if (Boolean.TRUE.equals(enabled) == observed) {
					selected.put(name, observed ? "KafkaTemplate, observed"
							: "KafkaTemplate, not observed (spring.kafka.template.observation-enabled=false)");
				}
			});
			return selected;
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "correlation.kafka.batch-span.enabled", matchIfMissing = true)
		KafkaBatchSpans kafkaBatchSpans(Tracer tracer, ContextPropagators propagators,
				ConventionsProperties conventions) {
			return new KafkaBatchSpans(tracer, propagators,
					conventions.getConventions() == ConventionsProperties.Conventions.OPENTELEMETRY);
		}

		@Bean
		KafkaListenerContainerDecorator kafkaListenerContainerDecorator(
				ObjectProvider<KafkaListenerEndpointRegistry> endpointRegistry,
				ObjectProvider<AbstractMessageListenerContainer<?, ?>> containerBeans, Environment environment,
				TraceHeaderProblems problems, ObjectProvider<KafkaBatchSpans> batchSpans,
				KafkaRecordContexts recordContexts) {
			return new KafkaListenerContainerDecorator(() -> {
				List<MessageListenerContainer> containers = new ArrayList<>();
				endpointRegistry.ifAvailable((registry) -> containers.addAll(registry.getAllListenerContainers()));
				containerBeans.forEach(containers::add);
				return containers;
			}, environment.getProperty(LISTENER_OBSERVATION, Boolean.class, false), problems,
					batchSpans.getIfAvailable(), recordContexts);
		}

		@Bean
		static BeanPostProcessor kafkaTemplateObservationPostProcessor(Environment environment) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) {
					if (bean instanceof KafkaTemplate<?, ?> template
							&& environment.getProperty(TEMPLATE_OBSERVATION, Boolean.class, false)) {
						template.setObservationEnabled(true);
					}
					return bean;
				}

			};
		}

	}

}
