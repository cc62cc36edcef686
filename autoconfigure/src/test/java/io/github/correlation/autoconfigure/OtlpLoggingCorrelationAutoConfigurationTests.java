package io.github.correlation.autoconfigure;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.github.correlation.logging.OtlpLogAppender;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpLoggingCorrelationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryLoggingAutoConfiguration.class, OtlpLoggingAutoConfiguration.class,
				OtlpLoggingCorrelationAutoConfiguration.class))
		.withPropertyValues("management.opentelemetry.logging.export.otlp.endpoint=http://127.0.0.1:9/v1/logs");

	@Test
	void attachesOpenTelemetrysAppenderToTheRootLoggerWhenBootExportsLogs() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(OtlpLogAppender.class);
			assertThat(context.getBean(OtlpLogAppender.class).isAttached()).isTrue();
			assertThat(root().getAppender(OtlpLogAppender.NAME)).isInstanceOf(OpenTelemetryAppender.class);
		});
		assertThat(root().getAppender(OtlpLogAppender.NAME)).as("after the context closed").isNull();
	}

	@Test
	void attachesNothingWithoutBootsLogExport() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryLoggingAutoConfiguration.class, OtlpLoggingAutoConfiguration.class,
					OtlpLoggingCorrelationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(OtlpLogAppender.class));
	}

	@Test
	void backsOffForTheApplicationsOwnBean() {
		OtlpLogAppender own = new OtlpLogAppender(OpenTelemetry.noop(), java.util.List.of());
		this.contextRunner.withBean(OtlpLogAppender.class, () -> own)
			.run((context) -> assertThat(context.getBean(OtlpLogAppender.class)).isSameAs(own));
	}

	@Test
	void isOffWhenDisabled() {
		this.contextRunner.withPropertyValues("correlation.logging.otlp.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OtlpLogAppender.class));
	}

	@Test
	void backsOffWithoutTheAppender() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OpenTelemetryAppender.class))
			.run((context) -> assertThat(context).doesNotHaveBean(OtlpLogAppender.class));
	}

	private static Logger root() {
		return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
