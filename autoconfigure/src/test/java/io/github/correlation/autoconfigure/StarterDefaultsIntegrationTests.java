package io.github.correlation.autoconfigure;

import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.TestApplication;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What an application gets by adding the starter and nothing else: quiet and healthy
 * without any tracing backend, Boot's sampling default untouched, and a clear failure for
 * bad settings.
 */
@ExtendWith(OutputCaptureExtension.class)
class StarterDefaultsIntegrationTests {

	@Test
	void staysQuietWithoutAnyBackend(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("management.otlp.metrics.export.step=200ms")) {
			assertThat(context.getBeanProvider(OtlpMeterRegistry.class).getIfAvailable()).isNull();
			long start = System.currentTimeMillis();
			Awaitility.await().until(() -> System.currentTimeMillis() - start > 1000);
			assertThat(output.toString().lines().filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")))
				.isEmpty();
			PropertySource<?> defaults = context.getEnvironment()
				.getPropertySources()
				.get(OtlpMetricsExportEnvironmentPostProcessor.NAME);
			assertThat(defaults).isNotNull();
			assertThat(defaults.getProperty("management.otlp.metrics.export.enabled")).isEqualTo(false);
		}
	}

	@Test
	void theApplicationsOwnSettingsWin() {
		try (ConfigurableApplicationContext context = run("management.otlp.metrics.export.enabled=true",
				"management.otlp.metrics.export.step=1h")) {
			assertThat(context.getBeanProvider(OtlpMeterRegistry.class).getIfAvailable()).isNotNull();
		}
	}

	@Test
	void exportsMetricsWhereAnEndpointIsConfigured() {
		try (ConfigurableApplicationContext context = run(
				"management.otlp.metrics.export.url=http://127.0.0.1:9/v1/metrics",
				"management.otlp.metrics.export.step=1h")) {
			assertThat(context.getBeanProvider(OtlpMeterRegistry.class).getIfAvailable()).isNotNull();
		}
	}

	@Test
	void leavesSamplingToBootAndTheApplication() {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(context.getEnvironment().getPropertySources().stream())
				.filteredOn((source) -> source.getName().startsWith("correlation"))
				.hasSize(2)
				.noneMatch((source) -> source.containsProperty("management.tracing.sampling.probability"));
		}
		try (ConfigurableApplicationContext context = run("management.tracing.sampling.probability=0.5")) {
			assertThat(context.getBean(TracingProperties.class).getSampling().getProbability()).isEqualTo(0.5f);
		}
	}

	@Test
	void badSettingsFailAtStartupNamingTheProperty(CapturedOutput output) {
		SpringApplication application = new SpringApplicationBuilder(CorrelationTestApplication.class)
			.properties("server.port=0", "correlation.logging.mdc.trace-id=trace id")
			.build();
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("correlation.logging.mdc.trace-id must be a non-empty token");
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return TestApplication.run(new Class<?>[] { CorrelationTestApplication.class }, properties);
	}

}
