package io.github.correlation.autoconfigure;

import java.util.List;

import io.github.correlation.CarrierHeaders;
import io.github.correlation.RequestIdGenerator;
import io.github.correlation.edge.EdgeDecisions;
import io.github.correlation.edge.EdgePropagator;
import io.github.correlation.edge.ExternalPropagation;
import io.github.correlation.requestid.RequestIdPolicy;
import io.github.correlation.requestid.RequestIdPropagator;
import io.github.correlation.w3c.W3cConformingPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Core correlation auto-configuration: the request id propagator, which Boot adds to its
 * composite propagator like any other {@link TextMapPropagator} bean, and the propagation
 * chain composed around whatever {@link ContextPropagators} the application ends up with
 * (see {@link #propagationChainPostProcessor}).
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(afterName = CorrelationAutoConfiguration.OPENTELEMETRY_TRACING_AUTO_CONFIGURATION)
@ConditionalOnClass({ ContextPropagators.class, TextMapPropagator.class })
@EnableConfigurationProperties({ RequestIdProperties.class, PropagationProperties.class })
public final class CorrelationAutoConfiguration {

	static final String EDGE_ENABLED = "correlation.edge.enabled";

	static final String OPENTELEMETRY_TRACING_AUTO_CONFIGURATION = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration";

	@Bean
	@ConditionalOnMissingBean
	RequestIdGenerator requestIdGenerator() {
		return RequestIdGenerator.randomUuid();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "correlation.request-id.enabled", matchIfMissing = true)
	RequestIdPropagator requestIdPropagator(RequestIdProperties requestId, RequestIdGenerator generator) {
		return new RequestIdPropagator(requestId.getHeader(), requestId.getAliases(), requestId.getField(),
				new RequestIdPolicy(requestId.getMaxLength()), generator);
	}

	/**
	 * The propagation chain, composed here and nowhere else. Outermost first:
	 * <ol>
	 * <li>{@link W3cConformingPropagator} ({@code correlation.propagation.enabled}): the
	 * W3C rules on what the rest reads and writes;</li>
	 * <li>{@link EdgePropagator} ({@code correlation.edge.enabled}): what an untrusted
	 * sender may bring in, what may leave for other hosts;</li>
	 * <li>Boot's composite of every {@link TextMapPropagator} bean: W3C Trace Context,
	 * W3C Baggage with the remote fields, and the {@link RequestIdPropagator}.</li>
	 * </ol>
	 * @param beanFactory looks up the parts that exist only once the context has started
	 * @param environment tells which steps are switched on
	 * @return the post-processor that decorates the {@link ContextPropagators}
	 */
	@Bean
	static BeanPostProcessor propagationChainPostProcessor(ListableBeanFactory beanFactory, Environment environment) {
		boolean w3c = environment.getProperty("correlation.propagation.enabled", Boolean.class, true);
		boolean edge = environment.getProperty(EDGE_ENABLED, Boolean.class, false);
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof ContextPropagators propagators && (w3c || edge)
						&& !(propagators.getTextMapPropagator() instanceof W3cConformingPropagator)
						&& !(propagators.getTextMapPropagator() instanceof EdgePropagator)) {
					TextMapPropagator chain = propagators.getTextMapPropagator();
					if (edge) {
						// The policy needs the sampler, which needs these propagators:
						// it is looked up when the first carrier is read or written.
						// getBean, not a lookup that could fall back to nothing: edge
						// trust is never switched off by a missing or extra bean.
						chain = new EdgePropagator(chain, () -> beanFactory.getBean(EdgeDecisions.class),
								() -> beanFactory.getBean(ExternalPropagation.class));
					}
					if (w3c) {
						chain = new W3cConformingPropagator(chain,
								() -> beanFactory.getBeanProvider(CarrierHeaders.class).orderedStream().toList());
					}
					return ContextPropagators.create(chain);
				}
				return bean;
			}

		};
	}

	/**
	 * At the edge, the parts of the chain's edge step must exist, once each, when the
	 * context has started: otherwise startup fails, naming the property, instead of the
	 * first request finding out.
	 * @param beanFactory the bean factory
	 * @return the check
	 */
	@Bean
	@ConditionalOnBooleanProperty(EDGE_ENABLED)
	static SmartInitializingSingleton edgePropagationCheck(ListableBeanFactory beanFactory) {
		return () -> {
			for (Class<?> part : List.of(EdgeDecisions.class, ExternalPropagation.class)) {
				try {
					beanFactory.getBean(part);
				}
				catch (BeansException ex) {
					throw new IllegalStateException(
							EDGE_ENABLED + " is true, but the edge trust policy cannot be applied: " + ex.getMessage(),
							ex);
				}
			}
		};
	}

}
