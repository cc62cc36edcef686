package io.github.correlation.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.github.correlation.audit.AuditReadiness;
import io.github.correlation.audit.AuditingSampler;
import io.github.correlation.audit.ContextAudit;
import io.github.correlation.audit.CorrelationEndpoint;
import io.github.correlation.audit.CorrelationReport;
import io.github.correlation.audit.InboundHops;
import io.github.correlation.audit.RootSpanAudit;
import io.github.correlation.audit.UncorrelatedLogAppender;
import io.github.correlation.web.servlet.InboundContextAudit;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SpanProcessor;
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

class AuditCorrelationAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(ObservationAutoConfiguration.class,
			OpenTelemetrySdkAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
			OpenTelemetryTracingAutoConfiguration.class, CorrelationAutoConfiguration.class,
			AuditCorrelationAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void auditsTheSpansOfBootsTracer() {
		this.contextRunner.withPropertyValues("management.tracing.sampling.probability=0").run((context) -> {
			assertThat(context).hasSingleBean(ContextAudit.class)
				.hasSingleBean(RootSpanAudit.class)
				.hasSingleBean(CorrelationReport.class)
				.hasSingleBean(AuditReadiness.class)
				.hasSingleBean(UncorrelatedLogAppender.class)
				.doesNotHaveBean(InboundContextAudit.class);
			assertThat(context.getBean(Sampler.class)).isInstanceOf(AuditingSampler.class);
			context.getBean(ContextAudit.class).ready();
			context.getBean(OpenTelemetry.class)
				.getTracer("test")
				.spanBuilder("orders send")
				.setSpanKind(SpanKind.PRODUCER)
				.startSpan()
				.end();
			assertThat(context.getBean(CorrelationReport.class).report().contextLosses())
				.extracting(CorrelationReport.ContextLoss::span)
				.containsExactly("orders send");
		});
	}

	@Test
	void reportsHopsWithoutContextOnlyAtAServiceDeclaredInternal() {
		WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS);
		web.run((context) -> assertThat(context).doesNotHaveBean(InboundContextAudit.class));
		web.withPropertyValues("correlation.audit.internal=true")
			.run((context) -> assertThat(context).hasSingleBean(InboundContextAudit.class));
		ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
			.withConfiguration(CONFIGURATIONS);
		reactive.run((context) -> assertThat(context).doesNotHaveBean(InboundHops.class));
		reactive.withPropertyValues("correlation.audit.internal=true")
			.run((context) -> assertThat(context)
				.hasSingleBean(io.github.correlation.web.reactive.InboundContextAudit.class)
				.doesNotHaveBean(InboundContextAudit.class));
	}

	@Test
	void servesTheEndpointWhenExposed() {
		WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS);
		web.run((context) -> assertThat(context).doesNotHaveBean(CorrelationEndpoint.class));
		web.withPropertyValues("management.endpoints.web.exposure.include=correlation")
			.run((context) -> assertThat(context).hasSingleBean(CorrelationEndpoint.class));
	}

	@Test
	void backsOffForTheApplicationsOwnAudit() {
		ContextAudit own = new ContextAudit(() -> null, Duration.ZERO, Clock.systemUTC());
		this.contextRunner.withBean(ContextAudit.class, () -> own)
			.run((context) -> assertThat(context.getBean(ContextAudit.class)).isSameAs(own));
	}

	@Test
	void isOffWhenDisabled() {
		this.contextRunner.withPropertyValues("correlation.audit.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ContextAudit.class).doesNotHaveBean(RootSpanAudit.class);
			assertThat(context.getBean(Sampler.class)).isNotInstanceOf(AuditingSampler.class);
		});
	}

	@Test
	void backsOffWithoutTheOpenTelemetrySdk() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SpanProcessor.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ContextAudit.class));
	}

	@Test
	void rejectsANegativeReportInterval() {
		this.contextRunner.withPropertyValues("correlation.audit.report-interval=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("correlation.audit.report-interval"));
	}

}
