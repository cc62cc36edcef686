package io.github.correlation.autoconfigure;

import java.util.Map;

import io.github.correlation.conventions.OpenTelemetryClientConvention;
import io.github.correlation.conventions.OpenTelemetryKafkaListenerConvention;
import io.github.correlation.conventions.OpenTelemetryKafkaTemplateConvention;
import io.github.correlation.conventions.OpenTelemetryQueryConvention;
import io.github.correlation.conventions.OpenTelemetryReactiveServerConvention;
import io.github.correlation.conventions.OpenTelemetryServletServerConvention;
import io.github.correlation.conventions.OpenTelemetryWebClientConvention;
import io.github.correlation.conventions.SemanticConventionsMeterFilter;
import io.github.correlation.conventions.SemanticConventionsSpanFilter;
import io.github.correlation.conventions.SendResultRecorder;
import io.micrometer.tracing.exporter.SpanFilter;
import net.ttddyy.observation.tracing.QueryObservationConvention;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.observation.ClientRequestObservationConvention;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.OpenTelemetryServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservation.DefaultKafkaTemplateObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservationConvention;

import static org.assertj.core.api.Assertions.assertThat;

class ConventionsCorrelationAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConventionsCorrelationAutoConfiguration.class));

	@Test
	void leavesBootsConventionsByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(ServerRequestObservationConvention.class)
			.doesNotHaveBean(SpanFilter.class));
	}

	@Test
	void leavesBootsConventionsWhenMicrometerIsChosen() {
		this.contextRunner.withPropertyValues("correlation.conventions=micrometer")
			.run((context) -> assertThat(context).doesNotHaveBean(ServerRequestObservationConvention.class)
				.doesNotHaveBean(SpanFilter.class));
	}

	@Test
	void definesTheOpenTelemetryConventionsWhenChosen() {
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.run((context) -> assertThat(context).hasSingleBean(OpenTelemetryServletServerConvention.class)
				.hasSingleBean(OpenTelemetryClientConvention.class)
				.hasSingleBean(OpenTelemetryWebClientConvention.class)
				.hasSingleBean(SemanticConventionsSpanFilter.class)
				.hasSingleBean(SemanticConventionsMeterFilter.class));
	}

	@Test
	void theApplicationsOwnClientConventionsWin() {
		ClientRequestObservationConvention own = new DefaultClientRequestObservationConvention("own");
		org.springframework.web.reactive.function.client.ClientRequestObservationConvention ownReactive = new org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention(
				"own");
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.withBean("ownClientConvention", ClientRequestObservationConvention.class, () -> own)
			.withBean("ownWebClientConvention",
					org.springframework.web.reactive.function.client.ClientRequestObservationConvention.class,
					() -> ownReactive)
			.run((context) -> assertThat(context).doesNotHaveBean(OpenTelemetryClientConvention.class)
				.doesNotHaveBean(OpenTelemetryWebClientConvention.class));
	}

	@Test
	void definesNoWebClientConventionWithoutWebFlux() {
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.withClassLoader(new FilteredClassLoader(
					org.springframework.web.reactive.function.client.ClientRequestObservationConvention.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(OpenTelemetryWebClientConvention.class)
				.hasSingleBean(OpenTelemetryClientConvention.class));
	}

	@Test
	void readsTheValueTheWayItBinds() {
		this.contextRunner.withPropertyValues("correlation.conventions=Open-Telemetry")
			.run((context) -> assertThat(context).hasSingleBean(OpenTelemetryServletServerConvention.class));
	}

	@Test
	void theApplicationsOwnConventionWins() {
		ServerRequestObservationConvention own = new DefaultServerRequestObservationConvention("own");
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.withBean(ServerRequestObservationConvention.class, () -> own)
			.run((context) -> assertThat(context).getBean(ServerRequestObservationConvention.class).isSameAs(own));
	}

	@Test
	void definesNoServletConventionWithoutSpringsOpenTelemetryConvention() {
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.withClassLoader(new FilteredClassLoader(OpenTelemetryServerRequestObservationConvention.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ServerRequestObservationConvention.class)
				.hasSingleBean(SemanticConventionsSpanFilter.class));
	}

	@Test
	void definesNoSpanFilterWithoutMicrometerTracing() {
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.withClassLoader(new FilteredClassLoader(SpanFilter.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SemanticConventionsSpanFilter.class)
				.hasSingleBean(OpenTelemetryServletServerConvention.class));
	}

	@Test
	void definesTheReactiveConventionForAWebFluxApplication() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConventionsCorrelationAutoConfiguration.class))
			.withPropertyValues("correlation.conventions=opentelemetry")
			.run((context) -> assertThat(context).hasSingleBean(OpenTelemetryReactiveServerConvention.class)
				.doesNotHaveBean(ServerRequestObservationConvention.class));
	}

	@Test
	void theApplicationsOwnReactiveConventionWins() {
		org.springframework.http.server.reactive.observation.ServerRequestObservationConvention own = new org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention(
				"own");
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ConventionsCorrelationAutoConfiguration.class))
			.withPropertyValues("correlation.conventions=opentelemetry")
			.withBean(org.springframework.http.server.reactive.observation.ServerRequestObservationConvention.class,
					() -> own)
			.run((context) -> assertThat(context).doesNotHaveBean(OpenTelemetryReactiveServerConvention.class));
	}

	@Test
	void anUnknownValueFailsTheStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("correlation.conventions=otel")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("otel")
				.satisfies((failure) -> assertThat(describe(context.getStartupFailure()))
					.contains("correlation.conventions")));
	}

	@Test
	void definesTheKafkaConventionsWhenChosen() {
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.run((context) -> assertThat(context).hasSingleBean(OpenTelemetryKafkaTemplateConvention.class)
				.hasSingleBean(OpenTelemetryKafkaListenerConvention.class));
	}

	@Test
	void definesNoKafkaConventionsByDefault() {
		this.contextRunner.withUserConfiguration(OwnKafkaBeans.class).run((context) -> {
			assertThat(context).doesNotHaveBean(KafkaTemplateObservationConvention.class)
				.doesNotHaveBean(KafkaListenerObservationConvention.class);
			assertThat(context.getBean(KafkaTemplate.class)).extracting("producerListener")
				.isSameAs(OwnKafkaBeans.listener);
			assertThat(context.getBean(KafkaTemplate.class)).extracting("observationConvention").isNull();
		});
	}

	@Test
	void definesNoKafkaConventionsWithoutSpringKafka() {
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(OpenTelemetryKafkaTemplateConvention.class)
				.doesNotHaveBean(OpenTelemetryKafkaListenerConvention.class)
				.hasSingleBean(OpenTelemetryClientConvention.class));
	}

	@Test
	void templatesAndContainersTheApplicationBuiltGetTheConventions() {
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.withUserConfiguration(OwnKafkaBeans.class)
			.run((context) -> {
				KafkaTemplate<?, ?> template = context.getBean(KafkaTemplate.class);
				assertThat(template).extracting("observationConvention")
					.isSameAs(context.getBean(OpenTelemetryKafkaTemplateConvention.class));
				assertThat(template).extracting("producerListener")
					.isInstanceOfSatisfying(SendResultRecorder.class,
							(recorder) -> assertThat(recorder.getDelegate()).isSameAs(OwnKafkaBeans.listener));
				assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class)
					.getContainerProperties()
					.getObservationConvention()).isSameAs(context.getBean(OpenTelemetryKafkaListenerConvention.class));
			});
	}

	@Test
	void theApplicationsOwnKafkaConventionsWin() {
		KafkaTemplateObservationConvention ownTemplate = new DefaultKafkaTemplateObservationConvention();
		KafkaListenerObservationConvention ownListener = new DefaultKafkaListenerObservationConvention();
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.withBean(KafkaTemplateObservationConvention.class, () -> ownTemplate)
			.withBean(KafkaListenerObservationConvention.class, () -> ownListener)
			.withUserConfiguration(OwnKafkaBeans.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(OpenTelemetryKafkaTemplateConvention.class)
					.doesNotHaveBean(OpenTelemetryKafkaListenerConvention.class);
				assertThat(context.getBean(KafkaTemplate.class)).extracting("observationConvention")
					.isSameAs(ownTemplate);
				assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class)
					.getContainerProperties()
					.getObservationConvention()).isSameAs(ownListener);
			});
	}

	@Test
	void aConventionTheTemplateWasGivenStays() {
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.withUserConfiguration(OwnKafkaBeans.class)
			.withPropertyValues("test.own-convention=true")
			.run((context) -> assertThat(context.getBean(KafkaTemplate.class)).extracting("observationConvention")
				.isSameAs(OwnKafkaBeans.templateConvention));
	}

	@Test
	void definesTheQueryConventionWhenChosen() {
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.run((context) -> assertThat(context).hasSingleBean(OpenTelemetryQueryConvention.class));
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(QueryObservationConvention.class));
	}

	@Test
	void theApplicationsOwnQueryConventionWins() {
		QueryObservationConvention own = new QueryObservationConvention() {
		};
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.withBean(QueryObservationConvention.class, () -> own)
			.run((context) -> assertThat(context).getBean(QueryObservationConvention.class).isSameAs(own));
	}

	@Test
	void definesNoQueryConventionWithoutDatasourceMicrometer() {
		this.contextRunner.withPropertyValues("correlation.conventions=opentelemetry")
			.withClassLoader(new FilteredClassLoader(QueryObservationConvention.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(OpenTelemetryQueryConvention.class)
				.hasSingleBean(OpenTelemetryClientConvention.class));
	}

	private static String describe(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnKafkaBeans {

		static final ProducerListener<Object, Object> listener = new ProducerListener<>() {
		};

		static final KafkaTemplateObservationConvention templateConvention = new DefaultKafkaTemplateObservationConvention();

		@Bean
		KafkaTemplate<Object, Object> ownTemplate(Environment environment) {
			KafkaTemplate<Object, Object> template = new KafkaTemplate<>(
					new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9")));
			template.setProducerListener(listener);
			if (environment.getProperty("test.own-convention", Boolean.class, false)) {
				template.setObservationConvention(templateConvention);
			}
			return template;
		}

		@Bean
		ConcurrentKafkaListenerContainerFactory<Object, Object> ownFactory() {
			return new ConcurrentKafkaListenerContainerFactory<>();
		}

	}

}
