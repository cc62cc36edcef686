package io.github.correlation.autoconfigure;

import io.github.correlation.logging.BaggageMdcEventListener;
import io.github.correlation.logging.MdcKeys;
import io.github.correlation.logging.SpanMdcEventListener;
import io.micrometer.tracing.otel.bridge.Slf4JBaggageEventListener;
import io.micrometer.tracing.otel.bridge.Slf4JEventListener;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingCorrelationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ObservationAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
					MicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
					CorrelationAutoConfiguration.class, LoggingCorrelationAutoConfiguration.class));

	@Test
	void replacesBootsListenersWithOnesThatWriteTheConfiguredKeys() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Slf4JEventListener.class).hasSingleBean(Slf4JBaggageEventListener.class);
			assertThat(context.getBean(Slf4JEventListener.class)).isInstanceOf(SpanMdcEventListener.class);
			assertThat(context.getBean(SpanMdcEventListener.class).getKeys())
				.isEqualTo(new MdcKeys("trace_id", "span_id", "trace_flags"));
			assertThat(context.getBean(BaggageMdcEventListener.class).getFields()).containsExactly("request_id");
		});
	}

	@Test
	void writesBootsCorrelationAndRemoteFieldsAsWell() {
		this.contextRunner.withPropertyValues("management.tracing.baggage.correlation.fields=tenant_id",
				"management.tracing.baggage.remote-fields=tenant_id,region", "correlation.logging.mdc.trace-id=traceId")
			.run((context) -> {
				assertThat(context.getBean(BaggageMdcEventListener.class).getFields()).containsExactly("request_id",
						"tenant_id", "region");
				assertThat(context.getBean(SpanMdcEventListener.class).getKeys().traceId()).isEqualTo("traceId");
			});
	}

	@Test
	void leavesOutTheRequestIdWhenItIsDisabled() {
		this.contextRunner.withPropertyValues("correlation.request-id.enabled=false")
			.run((context) -> assertThat(context.getBean(BaggageMdcEventListener.class).getFields()).isEmpty());
	}

	@Test
	void backsOffForCustomListeners() {
		Slf4JEventListener custom = new Slf4JEventListener();
		this.contextRunner.withBean("customListener", Slf4JEventListener.class, () -> custom)
			.run((context) -> assertThat(context.getBean(Slf4JEventListener.class)).isSameAs(custom));
	}

	@Test
	void backsOffWithoutTheOpenTelemetryBridge() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Slf4JEventListener.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SpanMdcEventListener.class));
	}

	@Test
	void leavesBootsListenersWhenDisabled() {
		this.contextRunner.withPropertyValues("correlation.logging.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SpanMdcEventListener.class);
			assertThat(context).hasSingleBean(Slf4JEventListener.class);
		});
	}

}
