package io.github.correlation.autoconfigure;

import java.util.List;

import io.github.correlation.edge.EdgeDecisions;
import io.github.correlation.edge.EdgePolicy;
import io.github.correlation.edge.EdgePropagator;
import io.github.correlation.edge.EdgeSpanProcessor;
import io.github.correlation.edge.ExternalPropagation;
import io.github.correlation.edge.InboundTrust;
import io.github.correlation.edge.UntrustedTrace;
import io.github.correlation.kafka.internal.TopicTrust;
import io.github.correlation.w3c.W3cConformingPropagator;
import io.github.correlation.web.servlet.ClientAddressTrust;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeCorrelationAutoConfigurationTests {

	private static final AutoConfigurations TRACING = AutoConfigurations.of(ObservationAutoConfiguration.class,
			OpenTelemetrySdkAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
			OpenTelemetryTracingAutoConfiguration.class, CorrelationAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(TRACING)
		.withConfiguration(AutoConfigurations.of(EdgeCorrelationAutoConfiguration.class))
		.withPropertyValues("correlation.edge.enabled=true");

	@Test
	void suppliesThePolicyWhenTheServiceIsAtTheEdge() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(EdgeDecisions.class)
			.hasSingleBean(EdgeSpanProcessor.class)
			.hasSingleBean(ExternalPropagation.class)
			.hasSingleBean(ClientAddressTrust.class)
			.hasSingleBean(TopicTrust.class));
	}

	@Test
	void theEdgeIsAStepOfTheOnePropagationChain() {
		this.contextRunner.run((context) -> {
			TextMapPropagator chain = context.getBean(ContextPropagators.class).getTextMapPropagator();
			assertThat(chain).isInstanceOfSatisfying(W3cConformingPropagator.class,
					(w3c) -> assertThat(w3c.getDelegate()).isInstanceOf(EdgePropagator.class));
		});
	}

	@Test
	void theEdgeStaysWhenTheW3cRulesAreOff() {
		this.contextRunner.withPropertyValues("correlation.propagation.enabled=false")
			.run((context) -> assertThat(context.getBean(ContextPropagators.class).getTextMapPropagator())
				.isInstanceOf(EdgePropagator.class));
	}

	@Test
	void startupFailsNamingThePropertyWhenThePolicyCannotBeApplied() {
		new WebApplicationContextRunner().withConfiguration(TRACING)
			.withPropertyValues("correlation.edge.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("correlation.edge.enabled"));
	}

	@Test
	void anExtraDecisionsBeanFailsStartupInsteadOfSwitchingTheEdgeOff() {
		this.contextRunner
			.withBean("first", EdgeDecisions.class, () -> new EdgeDecisions(List::of, policy(), (decision, carrier) -> {
			}))
			.withBean("second", EdgeDecisions.class,
					() -> new EdgeDecisions(List::of, policy(), (decision, carrier) -> {
					}))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("correlation.edge.enabled"));
	}

	private static EdgePolicy policy() {
		return new EdgePolicy(UntrustedTrace.RESTART, List.of(), List.of(), List.of(), (traceId) -> false, (count) -> {
		});
	}

	@Test
	void isOffUnlessTheServiceIsAtTheEdge() {
		this.contextRunner.withPropertyValues("correlation.edge.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EdgeDecisions.class)
				.doesNotHaveBean(InboundTrust.class)
				.hasSingleBean(Sampler.class)
				.getBean(ContextPropagators.class)
				.extracting(ContextPropagators::getTextMapPropagator)
				.isInstanceOfSatisfying(W3cConformingPropagator.class,
						(w3c) -> assertThat(w3c.getDelegate()).isNotInstanceOf(EdgePropagator.class)));
	}

	@Test
	void theApplicationsOwnTrustRuleReplacesTheAddressRule() {
		InboundTrust mtls = (carrier) -> InboundTrust.Trust.TRUSTED;
		this.contextRunner.withBean("mtlsTrust", InboundTrust.class, () -> mtls)
			.run((context) -> assertThat(context).doesNotHaveBean(ClientAddressTrust.class)
				.hasSingleBean(TopicTrust.class));
	}

	@Test
	void backsOffWithoutKafka() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.apache.kafka"))
			.run((context) -> assertThat(context).hasSingleBean(ClientAddressTrust.class)
				.doesNotHaveBean(TopicTrust.class));
	}

	@Test
	void decidesOnTheClientAddressOfWebFluxRequests() {
		new ReactiveWebApplicationContextRunner().withConfiguration(TRACING)
			.withConfiguration(AutoConfigurations.of(EdgeCorrelationAutoConfiguration.class))
			.withPropertyValues("correlation.edge.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(EdgeDecisions.class)
				.hasSingleBean(io.github.correlation.web.reactive.ClientAddressTrust.class)
				.doesNotHaveBean(ClientAddressTrust.class));
	}

	@Test
	void decidesOnRecordsAloneWithoutTheServletApi() {
		new ApplicationContextRunner().withConfiguration(TRACING)
			.withConfiguration(AutoConfigurations.of(EdgeCorrelationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("jakarta.servlet"))
			.withPropertyValues("correlation.edge.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(EdgeDecisions.class)
				.hasSingleBean(TopicTrust.class)
				.doesNotHaveBean(ClientAddressTrust.class));
	}

	@Test
	void anInvalidNetworkFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("correlation.edge.trusted-networks=10.0.0.0/8,10.0.0.0/40")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("correlation.edge.trusted-networks")
				.hasMessageContaining("10.0.0.0/40"));
	}

}
