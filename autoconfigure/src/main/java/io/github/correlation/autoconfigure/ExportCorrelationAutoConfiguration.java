package io.github.correlation.autoconfigure;

import io.github.correlation.export.ExportMeterProvider;
import io.github.correlation.export.ExportMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the span export metrics. Boot hands a {@link MeterProvider} bean,
 * when there is one, to its batch span processor and its OTLP span exporter, but defines
 * none: without this, the spans lost while the tracing backend is down are counted
 * nowhere. The {@link ExportMeterProvider} keeps its {@link SdkMeterProvider} to itself,
 * so the application's {@code OpenTelemetry} is unchanged, and {@link ExportMetrics}
 * shows its totals in the application's {@link MeterRegistry}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ MeterProvider.class, SdkMeterProvider.class, MeterRegistry.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "correlation.export.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ExportProperties.class)
public final class ExportCorrelationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MeterProvider.class)
	ExportMeterProvider correlationExportMeterProvider() {
		return new ExportMeterProvider();
	}

	@Bean
	@ConditionalOnBean(ExportMeterProvider.class)
	@ConditionalOnMissingBean
	ExportMetrics correlationExportMetrics(ExportMeterProvider meterProvider) {
		return new ExportMetrics(meterProvider);
	}

}
