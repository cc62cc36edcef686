package io.github.correlation.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Sets {@code management.otlp.metrics.export.enabled} to {@code false} unless an OTLP
 * metrics URL is configured ({@code management.otlp.metrics.export.url}, or
 * {@code OTEL_EXPORTER_OTLP_*} through Boot's mapping). This is not correlation: the
 * starter brings Boot's OpenTelemetry starter, whose OTLP meter registry would otherwise
 * push to {@code localhost:4318} every minute and log a failure each time. A default, in
 * its own property source named {@value #NAME}; any value the application sets wins.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class OtlpMetricsExportEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source.
	 */
	public static final String NAME = "correlationOtlpMetricsDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ComputedDefaults.addLast(environment, NAME, Map.of("management.otlp.metrics.export.enabled",
				(resolved) -> StringUtils.hasText(resolved.getProperty("management.otlp.metrics.export.url"))));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
