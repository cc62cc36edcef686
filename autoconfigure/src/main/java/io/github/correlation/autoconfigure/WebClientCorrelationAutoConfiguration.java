package io.github.correlation.autoconfigure;

import java.util.List;

import io.github.correlation.web.client.CallerContextConnector;
import io.github.correlation.web.client.CallerContextFilter;
import io.github.correlation.web.client.ClientInstrumenter;
import io.github.correlation.web.client.ClientInstrumentingBeanPostProcessor;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.webclient.observation.ObservationWebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration that observes {@link WebClient} beans built without Boot's builder,
 * with the same registry and convention as Boot's own customizer.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = CorrelationAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ WebClient.class, ObservationWebClientCustomizer.class, ObservationRegistry.class,
		ObservationProperties.class })
@ConditionalOnBooleanProperty(name = "correlation.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ClientProperties.class)
public final class WebClientCorrelationAutoConfiguration {

	private WebClientCorrelationAutoConfiguration() {
	}

	@Bean
	static ClientInstrumentingBeanPostProcessor webClientInstrumentingBeanPostProcessor(
			ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<ClientRequestObservationConvention> customConvention,
			ObjectProvider<ObservationProperties> observationProperties) {
		return new ClientInstrumentingBeanPostProcessor(List.of(WebClient.class), () -> {
			ObservationRegistry observationRegistry = registry.getIfAvailable();
			if (observationRegistry == null) {
				return List.of();
			}
			ClientRequestObservationConvention convention = customConvention.getIfAvailable(
					() -> new DefaultClientRequestObservationConvention(RestClientCorrelationAutoConfiguration
						.clientRequestsName(observationProperties.getIfAvailable(ObservationProperties::new))));
			ObservationWebClientCustomizer customizer = new ObservationWebClientCustomizer(observationRegistry,
					convention);
			CallerContextFilter callerContext = new CallerContextFilter(observationRegistry);
			return List.of(ClientInstrumenter.rebuilding(WebClient.class, WebClient::mutate, (builder) -> {
				customizer.customize(builder);
				builder.filter(callerContext);
			}, WebClient.Builder::build));
		});
	}

	/**
	 * Deliver the responses of every {@code WebClient} built from Boot's builder in the
	 * context of the code that called it: the connector is where a response arrives,
	 * ahead of every filter.
	 * @param registry the observation registry
	 * @return the post-processor
	 */
	@Bean
	static BeanPostProcessor callerContextConnectorPostProcessor(ObjectProvider<ObservationRegistry> registry) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof ClientHttpConnector connector && !(bean instanceof CallerContextConnector)) {
					ObservationRegistry observationRegistry = registry.getIfAvailable();
					if (ClientInstrumenter.isActive(observationRegistry)) {
						return new CallerContextConnector(connector, observationRegistry);
					}
				}
				return bean;
			}

		};
	}

}
