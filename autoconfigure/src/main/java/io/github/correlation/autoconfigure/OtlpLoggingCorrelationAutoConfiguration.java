package io.github.correlation.autoconfigure;

import ch.qos.logback.classic.LoggerContext;
import io.github.correlation.logging.OtlpLogAppender;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of OTLP log export: where Boot exports logs over OTLP
 * ({@code management.opentelemetry.logging.export.otlp.endpoint}, or
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} as Boot maps it), every log line goes there too,
 * with nothing to declare in a Logback configuration.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
				"org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
				"org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration" })
@ConditionalOnClass({ OpenTelemetryAppender.class, LoggerContext.class, LogRecordExporter.class,
		TracingProperties.class })
@ConditionalOnBean({ OpenTelemetry.class, LogRecordExporter.class })
@ConditionalOnBooleanProperty(name = "correlation.logging.otlp.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ CorrelationLoggingProperties.class, RequestIdProperties.class,
		TracingProperties.class })
public final class OtlpLoggingCorrelationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OtlpLogAppender otlpLogAppender(OpenTelemetry openTelemetry, RequestIdProperties requestId,
			TracingProperties tracing) {
		return new OtlpLogAppender(openTelemetry,
				LoggingCorrelationAutoConfiguration.baggageFields(requestId, tracing));
	}

}
