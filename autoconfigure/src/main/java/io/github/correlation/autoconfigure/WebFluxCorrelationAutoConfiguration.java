package io.github.correlation.autoconfigure;

import io.github.correlation.requestid.RequestIdPropagator;
import io.github.correlation.web.reactive.CorrelationWebFilter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of inbound WebFlux correlation. Boot's WebFlux support already
 * starts the server observation ({@code HttpWebHandlerAdapter}); this answers with the
 * correlation response headers and makes the observation's context current where the
 * request's work runs.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = CorrelationAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ WebFilter.class, ObservationRegistry.class, ObservationThreadLocalAccessor.class })
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "correlation.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CorrelationWebProperties.class)
public final class WebFluxCorrelationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CorrelationWebFilter correlationWebFilter(ObservationRegistry registry, CorrelationWebProperties web,
			ObjectProvider<RequestIdPropagator> requestIds) {
		return new CorrelationWebFilter(registry, web.responseHeaders(requestIds.getIfAvailable()));
	}

}
