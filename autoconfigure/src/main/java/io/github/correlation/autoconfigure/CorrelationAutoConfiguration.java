package io.github.correlation.autoconfigure;

import io.github.correlation.CarrierHeaders;
import io.github.correlation.InboundFilter;
import io.github.correlation.OutboundFilter;
import io.github.correlation.RequestIdGenerator;
import io.github.correlation.requestid.RequestIdPolicy;
import io.github.correlation.requestid.RequestIdPropagator;
import io.github.correlation.w3c.W3cConformingPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Core correlation auto-configuration: the request id propagator, which Boot adds to its
 * composite propagator like any other {@link TextMapPropagator} bean, and the W3C rules
 * applied to whatever {@link ContextPropagators} the application ends up with.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(afterName = CorrelationAutoConfiguration.OPENTELEMETRY_TRACING_AUTO_CONFIGURATION)
@ConditionalOnClass({ ContextPropagators.class, TextMapPropagator.class })
@EnableConfigurationProperties(CorrelationProperties.class)
public final class CorrelationAutoConfiguration {

	static final String OPENTELEMETRY_TRACING_AUTO_CONFIGURATION = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration";

	@Bean
	@ConditionalOnMissingBean
	RequestIdGenerator requestIdGenerator() {
		return RequestIdGenerator.randomUuid();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "correlation.request-id.enabled", matchIfMissing = true)
	RequestIdPropagator requestIdPropagator(CorrelationProperties properties, RequestIdGenerator generator) {
		CorrelationProperties.RequestId requestId = properties.getRequestId();
		return new RequestIdPropagator(requestId.getHeader(), requestId.getAliases(), requestId.getField(),
				new RequestIdPolicy(requestId.getMaxLength()), generator);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "correlation.propagation.enabled", matchIfMissing = true)
	static BeanPostProcessor w3cConformingPropagatorPostProcessor(ListableBeanFactory beanFactory) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof ContextPropagators propagators
						&& !(propagators.getTextMapPropagator() instanceof W3cConformingPropagator)) {
					return ContextPropagators.create(new W3cConformingPropagator(propagators.getTextMapPropagator(),
							() -> beanFactory.getBeanProvider(CarrierHeaders.class).orderedStream().toList(),
							// The edge policy needs the sampler, which needs the
							// propagators:
							// it is looked up when the first carrier is read or written.
							() -> beanFactory.getBeanProvider(InboundFilter.class)
								.getIfUnique(() -> InboundFilter.NONE),
							() -> beanFactory.getBeanProvider(OutboundFilter.class)
								.getIfUnique(() -> OutboundFilter.NONE)));
				}
				return bean;
			}

		};
	}

}
