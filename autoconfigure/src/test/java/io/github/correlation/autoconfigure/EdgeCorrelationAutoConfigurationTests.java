package io.github.correlation.autoconfigure;

import io.github.correlation.edge.EdgeDecisions;
import io.github.correlation.edge.EdgeLinks;
import io.github.correlation.edge.ExternalPropagation;
import io.github.correlation.edge.InboundTrust;
import io.github.correlation.kafka.internal.TopicTrust;
import io.github.correlation.web.servlet.ClientAddressTrust;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeCorrelationAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ObservationAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
						MicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
						CorrelationAutoConfiguration.class, EdgeCorrelationAutoConfiguration.class))
		.withPropertyValues("correlation.edge.enabled=true");

	@Test
	void suppliesThePolicyWhenTheServiceIsAtTheEdge() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(EdgeDecisions.class)
			.hasSingleBean(EdgeLinks.class)
			.hasSingleBean(ExternalPropagation.class)
			.hasSingleBean(ClientAddressTrust.class)
			.hasSingleBean(TopicTrust.class));
	}

	@Test
	void isOffUnlessTheServiceIsAtTheEdge() {
		this.contextRunner.withPropertyValues("correlation.edge.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EdgeDecisions.class)
				.doesNotHaveBean(InboundTrust.class)
				.hasSingleBean(Sampler.class));
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
	void decidesOnRecordsAloneWithoutTheServletApi() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ObservationAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
							MicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
							CorrelationAutoConfiguration.class, EdgeCorrelationAutoConfiguration.class))
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
