package io.github.correlation.autoconfigure;

import java.util.EnumSet;

import io.github.correlation.export.ExportMeterProvider;
import io.github.correlation.export.ExportMeterProvider.Signal;
import io.github.correlation.export.ExportMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the export metrics. Boot hands a {@link MeterProvider} bean, when
 * there is one, to its batch span processor and its OTLP span and log record exporters,
 * but defines none, and its batch log record processor takes none: without this, the
 * spans and log records lost while a backend is down are counted nowhere. The
 * {@link ExportMeterProvider} keeps its {@link SdkMeterProvider} to itself, so the
 * application's {@code OpenTelemetry} is unchanged, and {@link ExportMetrics} shows its
 * totals in the application's {@link MeterRegistry}. Where logs are exported, the batch
 * log record processor is Boot's, built from Boot's properties, with this meter provider.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = {
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration" },
		beforeName = "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration")
@ConditionalOnClass({ MeterProvider.class, SdkMeterProvider.class, MeterRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "correlation.export.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ExportProperties.class)
public final class ExportCorrelationAutoConfiguration {

	private static final String LOG_RECORD_PROCESSOR = "correlationBatchLogRecordProcessor";

	@Bean
	@ConditionalOnMissingBean(MeterProvider.class)
	ExportMeterProvider correlationExportMeterProvider() {
		return new ExportMeterProvider();
	}

	@Bean
	@ConditionalOnBean(ExportMeterProvider.class)
	@ConditionalOnMissingBean
	ExportMetrics correlationExportMetrics(ExportMeterProvider meterProvider, ListableBeanFactory beanFactory) {
		// Log records are counted only where they are batched by a processor that records
		// into the meter provider.
		return new ExportMetrics(meterProvider, beanFactory.containsBean(LOG_RECORD_PROCESSOR)
				? EnumSet.of(Signal.SPANS, Signal.LOGS) : EnumSet.of(Signal.SPANS));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ BatchLogRecordProcessor.class, OpenTelemetryLoggingProperties.class })
	@ConditionalOnBooleanProperty(name = "management.opentelemetry.enabled", matchIfMissing = true)
	// Member classes are read before the bean methods around them: "no other meter
	// provider" is the condition of correlationExportMeterProvider
	@ConditionalOnMissingBean(MeterProvider.class)
	@ConditionalOnBean(LogRecordExporter.class)
	@EnableConfigurationProperties(OpenTelemetryLoggingProperties.class)
	static class LogExportConfiguration {

		@Bean(LOG_RECORD_PROCESSOR)
		@ConditionalOnMissingBean
		BatchLogRecordProcessor correlationBatchLogRecordProcessor(OpenTelemetryLoggingProperties properties,
				ObjectProvider<LogRecordExporter> logRecordExporters, ExportMeterProvider meterProvider) {
			// What Boot's OpenTelemetryLoggingAutoConfiguration builds, and the meter
			// provider it does not set
			OpenTelemetryLoggingProperties.Export export = properties.getExport();
			return BatchLogRecordProcessor
				.builder(LogRecordExporter.composite(logRecordExporters.orderedStream().toList()))
				.setExporterTimeout(export.getTimeout())
				.setMaxQueueSize(export.getMaxQueueSize())
				.setScheduleDelay(export.getScheduleDelay())
				.setMaxExportBatchSize(export.getMaxBatchSize())
				.setMeterProvider(meterProvider)
				.build();
		}

	}

}
