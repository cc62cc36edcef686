package io.github.correlation.autoconfigure;

import java.util.List;

import io.github.correlation.web.client.ClientInstrumenter;
import io.github.correlation.web.client.ClientInstrumentingBeanPostProcessor;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.restclient.observation.ObservationRestClientCustomizer;
import org.springframework.boot.restclient.observation.ObservationRestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.observation.ClientRequestObservationConvention;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Auto-configuration that observes {@link RestClient} and {@link RestTemplate} beans
 * built without Boot's builders, with the same registry and convention as Boot's own
 * customizers.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = CorrelationAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ RestClient.class, ObservationRestClientCustomizer.class, ObservationRegistry.class,
		ObservationProperties.class })
@ConditionalOnBooleanProperty(name = "correlation.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ClientProperties.class)
public final class RestClientCorrelationAutoConfiguration {

	private RestClientCorrelationAutoConfiguration() {
	}

	@Bean
	static ClientInstrumentingBeanPostProcessor restClientInstrumentingBeanPostProcessor(
			ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<ClientRequestObservationConvention> customConvention,
			ObjectProvider<ObservationProperties> observationProperties) {
		return new ClientInstrumentingBeanPostProcessor(List.of(RestClient.class, RestTemplate.class), () -> {
			ObservationRegistry observationRegistry = registry.getIfAvailable();
			if (observationRegistry == null) {
				return List.of();
			}
			ClientRequestObservationConvention convention = customConvention
				.getIfAvailable(() -> new DefaultClientRequestObservationConvention(
						clientRequestsName(observationProperties.getIfAvailable(ObservationProperties::new))));
			ObservationRestClientCustomizer restClient = new ObservationRestClientCustomizer(observationRegistry,
					convention);
			ObservationRestTemplateCustomizer restTemplate = new ObservationRestTemplateCustomizer(observationRegistry,
					convention);
			return List.of(
					ClientInstrumenter.rebuilding(RestClient.class, RestClient::mutate, restClient::customize,
							RestClient.Builder::build),
					ClientInstrumenter.inPlace(RestTemplate.class,
							(template) -> ClientInstrumenter.isActive(template.getObservationRegistry()),
							restTemplate::customize));
		});
	}

	static String clientRequestsName(ObservationProperties properties) {
		return properties.getHttp().getClient().getRequests().getName();
	}

}
