package io.github.correlation.autoconfigure;

import io.github.correlation.CarrierHeaders;
import io.github.correlation.InboundFilter;
import io.github.correlation.OutboundFilter;
import io.github.correlation.RequestIdGenerator;
import io.github.correlation.requestid.RequestIdPolicy;
import io.github.correlation.requestid.RequestIdPropagator;
import io.github.correlation.w3c.W3cConformingPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;

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

	private static final InboundFilter NO_FILTER = new InboundFilter() {

		@Override
		public <C> TextMapGetter<C> filter(C carrier, TextMapGetter<C> getter) {
			return getter;
		}

	};

	private static final OutboundFilter ALL_OUT = new OutboundFilter() {

		@Override
		public <C> TextMapSetter<C> filter(C carrier, TextMapSetter<C> setter) {
			return setter;
		}

	};

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
		// The edge policy is looked up once, when the first carrier is read, not when the
		// propagators are created: it needs the sampler, which needs the propagators.
		SingletonSupplier<InboundFilter> edge = SingletonSupplier
			.of(() -> beanFactory.getBeanProvider(InboundFilter.class).getIfUnique(() -> NO_FILTER));
		SingletonSupplier<OutboundFilter> external = SingletonSupplier
			.of(() -> beanFactory.getBeanProvider(OutboundFilter.class).getIfUnique(() -> ALL_OUT));
		OutboundFilter outbound = new OutboundFilter() {

			@Override
			public <C> TextMapSetter<C> filter(C carrier, TextMapSetter<C> setter) {
				return external.obtain().filter(carrier, setter);
			}

		};
		InboundFilter inbound = new InboundFilter() {

			@Override
			public <C> TextMapGetter<C> filter(C carrier, TextMapGetter<C> getter) {
				return edge.obtain().filter(carrier, getter);
			}

		};
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof ContextPropagators propagators
						&& !(propagators.getTextMapPropagator() instanceof W3cConformingPropagator)) {
					return ContextPropagators.create(new W3cConformingPropagator(propagators.getTextMapPropagator(),
							() -> beanFactory.getBeanProvider(CarrierHeaders.class).orderedStream().toList(), inbound,
							outbound));
				}
				return bean;
			}

		};
	}

}
