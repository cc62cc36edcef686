package io.github.correlation.autoconfigure;

import java.util.List;

import io.github.correlation.RequestIdGenerator;
import io.github.correlation.requestid.RequestIdPolicy;
import io.github.correlation.requestid.RequestIdPropagator;
import io.github.correlation.test.MultiMapCarrier;
import io.github.correlation.w3c.W3cConformingPropagator;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, CorrelationAutoConfiguration.class));

	@Test
	void suppliesTheRequestIdPropagatorInsideConformingPropagators() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RequestIdPropagator.class).hasSingleBean(RequestIdGenerator.class);
			ContextPropagators propagators = context.getBean(ContextPropagators.class);
			assertThat(propagators.getTextMapPropagator()).isInstanceOf(W3cConformingPropagator.class);
			MultiMapCarrier carrier = new MultiMapCarrier();
			propagators.getTextMapPropagator()
				.inject(Context.root().with(Baggage.builder().put("request_id", "r-1").build()), carrier,
						MultiMapCarrier.SETTER);
			assertThat(carrier.get("X-Request-Id")).isEqualTo("r-1");
			assertThat(carrier.get("baggage")).isEqualTo("request_id=r-1");
		});
	}

	@Test
	void appliesRequestIdProperties() {
		this.contextRunner
			.withPropertyValues("correlation.request-id.header=X-Amzn-Trace-Id", "correlation.request-id.aliases=",
					"correlation.request-id.field=rid", "correlation.request-id.max-length=40")
			.run((context) -> {
				RequestIdPropagator propagator = context.getBean(RequestIdPropagator.class);
				assertThat(propagator.fields()).containsExactly("X-Amzn-Trace-Id");
				assertThat(propagator.getField()).isEqualTo("rid");
				Context extracted = propagator.extract(Context.root(),
						MultiMapCarrier.of("X-Amzn-Trace-Id", "a".repeat(41)), MultiMapCarrier.GETTER);
				assertThat(propagator.requestId(extracted)).hasSize(36);
			});
	}

	@Test
	void backsOffForCustomBeans() {
		this.contextRunner.withUserConfiguration(CustomBeans.class).run((context) -> {
			assertThat(context.getBean(RequestIdGenerator.class)).isSameAs(context.getBean("customGenerator"));
			assertThat(context.getBean(RequestIdPropagator.class)).isSameAs(context.getBean("customPropagator"));
		});
	}

	@Test
	void usesACustomGenerator() {
		this.contextRunner.withBean("customGenerator", RequestIdGenerator.class, () -> () -> "custom-id")
			.run((context) -> {
				RequestIdPropagator propagator = context.getBean(RequestIdPropagator.class);
				assertThat(propagator.generate()).isEqualTo("custom-id");
			});
	}

	@Test
	void backsOffWithoutOpenTelemetry() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextPropagators.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RequestIdPropagator.class));
	}

	@Test
	void requestIdCanBeDisabled() {
		this.contextRunner.withPropertyValues("correlation.request-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestIdPropagator.class));
	}

	@Test
	void conformanceCanBeDisabled() {
		this.contextRunner.withPropertyValues("correlation.propagation.enabled=false")
			.run((context) -> assertThat(context.getBean(ContextPropagators.class).getTextMapPropagator())
				.isNotInstanceOf(W3cConformingPropagator.class));
	}

	@Test
	void failsAtStartupOnABadHeaderNameAndNamesTheProperty() {
		this.contextRunner.withPropertyValues("correlation.request-id.header=X Request Id").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage(
						"correlation.request-id.header must be a non-empty token (letters, digits and !#$%&'*+-.^_`|~), not 'X Request Id'");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("correlation.request-id.header");
		});
	}

	@Test
	void failsAtStartupOnABadMaxLength() {
		this.contextRunner.withPropertyValues("correlation.request-id.max-length=12")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("correlation.request-id.max-length")
				.rootCause()
				.hasMessage("correlation.request-id.max-length must be between 36 and 1024, not 12"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBeans {

		@Bean
		RequestIdGenerator customGenerator() {
			return () -> "fixed";
		}

		@Bean
		RequestIdPropagator customPropagator() {
			return new RequestIdPropagator("X-Custom", List.of(), "custom", new RequestIdPolicy(40), () -> "fixed");
		}

	}

}
