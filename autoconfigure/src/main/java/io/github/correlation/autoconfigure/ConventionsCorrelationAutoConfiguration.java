package io.github.correlation.autoconfigure;

import io.github.correlation.conventions.OpenTelemetryClientConvention;
import io.github.correlation.conventions.OpenTelemetryKafkaListenerConvention;
import io.github.correlation.conventions.OpenTelemetryKafkaTemplateConvention;
import io.github.correlation.conventions.OpenTelemetryQueryConvention;
import io.github.correlation.conventions.OpenTelemetryReactiveServerConvention;
import io.github.correlation.conventions.OpenTelemetryServletServerConvention;
import io.github.correlation.conventions.OpenTelemetryWebClientConvention;
import io.github.correlation.conventions.SemanticConventionsMeterFilter;
import io.github.correlation.conventions.SemanticConventionsSpanFilter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.exporter.SpanFilter;
import jakarta.servlet.http.HttpServletRequest;
import net.ttddyy.observation.tracing.QueryObservationConvention;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.observation.ClientRequestObservationConvention;
import org.springframework.http.server.observation.OpenTelemetryServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.micrometer.KafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservationConvention;

/**
 * Auto-configuration of the OpenTelemetry semantic conventions
 * ({@code correlation.conventions=opentelemetry}): observation conventions of the types
 * Boot looks up for its HTTP and Kafka observations, and datasource-micrometer for its
 * query observations, so that they name their spans, attributes, meters and tags the way
 * OpenTelemetry does. A convention bean of the same type that the application declares
 * wins.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration",
		"org.springframework.boot.webflux.autoconfigure.WebFluxObservationAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestTemplateObservationAutoConfiguration",
		"org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration",
		"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"net.ttddyy.observation.boot.autoconfigure.DataSourceObservationAutoConfiguration" })
@Conditional(OnOpenTelemetryConventionsCondition.class)
@EnableConfigurationProperties(ConventionsProperties.class)
public final class ConventionsCorrelationAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SpanFilter.class)
	static class SpanFilterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SemanticConventionsSpanFilter semanticConventionsSpanFilter() {
			return new SemanticConventionsSpanFilter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterFilter.class)
	static class MeterFilterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SemanticConventionsMeterFilter semanticConventionsMeterFilter() {
			return new SemanticConventionsMeterFilter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ HttpServletRequest.class, OpenTelemetryServerRequestObservationConvention.class })
	static class ServletServerConfiguration {

		@Bean
		@ConditionalOnMissingBean(ServerRequestObservationConvention.class)
		OpenTelemetryServletServerConvention openTelemetryServletServerConvention() {
			return new OpenTelemetryServletServerConvention();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(org.springframework.http.server.reactive.observation.ServerRequestObservationConvention.class)
	static class ReactiveServerConfiguration {

		@Bean
		@ConditionalOnMissingBean(org.springframework.http.server.reactive.observation.ServerRequestObservationConvention.class)
		OpenTelemetryReactiveServerConvention openTelemetryReactiveServerConvention() {
			return new OpenTelemetryReactiveServerConvention();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ClientRequestObservationConvention.class)
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(ClientRequestObservationConvention.class)
		OpenTelemetryClientConvention openTelemetryClientConvention() {
			return new OpenTelemetryClientConvention();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(org.springframework.web.reactive.function.client.ClientRequestObservationConvention.class)
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(org.springframework.web.reactive.function.client.ClientRequestObservationConvention.class)
		OpenTelemetryWebClientConvention openTelemetryWebClientConvention() {
			return new OpenTelemetryWebClientConvention();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(KafkaTemplate.class)
	static class KafkaConfiguration {

		@Bean
		@ConditionalOnMissingBean(KafkaTemplateObservationConvention.class)
		OpenTelemetryKafkaTemplateConvention openTelemetryKafkaTemplateConvention() {
			return new OpenTelemetryKafkaTemplateConvention();
		}

		@Bean
		@ConditionalOnMissingBean(KafkaListenerObservationConvention.class)
		OpenTelemetryKafkaListenerConvention openTelemetryKafkaListenerConvention() {
			return new OpenTelemetryKafkaListenerConvention();
		}

		@Bean
		static BeanPostProcessor kafkaConventionsPostProcessor(
				ObjectProvider<KafkaTemplateObservationConvention> templateConvention,
				ObjectProvider<KafkaListenerObservationConvention> listenerConvention,
				ObjectProvider<ObservationRegistry> observationRegistry) {
			return new KafkaConventionsPostProcessor(templateConvention, listenerConvention, observationRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(QueryObservationConvention.class)
	static class JdbcConfiguration {

		@Bean
		@ConditionalOnMissingBean(QueryObservationConvention.class)
		OpenTelemetryQueryConvention openTelemetryQueryConvention() {
			return new OpenTelemetryQueryConvention();
		}

	}

}
