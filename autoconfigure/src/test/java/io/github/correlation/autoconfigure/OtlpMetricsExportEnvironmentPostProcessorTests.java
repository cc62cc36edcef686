package io.github.correlation.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpMetricsExportEnvironmentPostProcessorTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void turnsOtlpMetricsExportOffUnlessAUrlIsConfigured() {
		process();
		assertThat(this.environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
		this.environment.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("management.otlp.metrics.export.url", "http://otel:4318"));
		assertThat(this.environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("true");
	}

	@Test
	void theApplicationsOwnValueWins() {
		this.environment.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("management.otlp.metrics.export.enabled", "true"));
		process();
		assertThat(this.environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("true");
	}

	@Test
	void springApplicationDefaultPropertiesWinToo() {
		process();
		this.environment.getPropertySources()
			.addLast(new MockPropertySource("defaultProperties").withProperty("management.otlp.metrics.export.enabled",
					"true"));
		assertThat(this.environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("true");
	}

	@Test
	void hasItsOwnPropertySource() {
		process();
		process();
		assertThat(this.environment.getPropertySources().stream().map((source) -> source.getName()))
			.endsWith(OtlpMetricsExportEnvironmentPostProcessor.NAME)
			.filteredOn(OtlpMetricsExportEnvironmentPostProcessor.NAME::equals)
			.hasSize(1);
	}

	private void process() {
		new OtlpMetricsExportEnvironmentPostProcessor().postProcessEnvironment(this.environment,
				new SpringApplication());
	}

}
