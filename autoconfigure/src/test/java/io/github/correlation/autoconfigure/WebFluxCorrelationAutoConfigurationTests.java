package io.github.correlation.autoconfigure;

import io.github.correlation.web.CorrelationResponseHeaders;
import io.github.correlation.web.reactive.CorrelationWebFilter;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

class WebFluxCorrelationAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, CorrelationAutoConfiguration.class,
				WebFluxCorrelationAutoConfiguration.class));

	@Test
	void addsTheCorrelationWebFilterFirst() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CorrelationWebFilter.class);
			assertThat(context.getBean(CorrelationWebFilter.class).getOrder()).isEqualTo(CorrelationWebFilter.ORDER);
		});
	}

	@Test
	void backsOffForAUserFilter() {
		CorrelationWebFilter own = new CorrelationWebFilter(ObservationRegistry.create(),
				new CorrelationResponseHeaders(true, null, null));
		this.contextRunner.withBean(CorrelationWebFilter.class, () -> own)
			.run((context) -> assertThat(context.getBean(CorrelationWebFilter.class)).isSameAs(own));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("correlation.web.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CorrelationWebFilter.class));
	}

	@Test
	void backsOffWithoutWebFlux() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebFilter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CorrelationWebFilter.class));
	}

	@Test
	void backsOffInServletApplications() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					WebFluxCorrelationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CorrelationWebFilter.class));
	}

}
