package io.github.correlation.autoconfigure;

import java.util.EnumSet;

import io.github.correlation.web.servlet.CorrelationObservationFilter;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ServerHttpObservationFilter;

import static org.assertj.core.api.Assertions.assertThat;

class WebMvcCorrelationAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, CorrelationAutoConfiguration.class,
				WebMvcCorrelationAutoConfiguration.class, WebMvcObservationAutoConfiguration.class));

	@Test
	void replacesBootsObservationFilterWithTheExtendedOne() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(FilterRegistrationBean.class);
			FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(CorrelationObservationFilter.class);
			assertThat(registration.getOrder()).isEqualTo(WebMvcCorrelationAutoConfiguration.FILTER_ORDER);
			assertThat(registration).extracting("dispatcherTypes")
				.isEqualTo(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
			assertThat(context).hasBean("correlationTomcatValveCustomizer");
		});
	}

	@Test
	void backsOffForAUserObservationFilter() {
		this.contextRunner.withUserConfiguration(CustomFilter.class).run((context) -> {
			assertThat(context).hasSingleBean(FilterRegistrationBean.class);
			assertThat(context.getBean(FilterRegistrationBean.class).getFilter())
				.isNotInstanceOf(CorrelationObservationFilter.class);
		});
	}

	@Test
	void leavesBootsFilterWhenDisabled() {
		this.contextRunner.withPropertyValues("correlation.web.enabled=false").run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isExactlyInstanceOf(ServerHttpObservationFilter.class);
		});
	}

	@Test
	void backsOffWithoutSpringWeb() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ServerHttpObservationFilter.class))
			.run((context) -> assertThat(context).doesNotHaveBean("correlationObservationFilter"));
	}

	@Test
	void addsNoTomcatValveWithoutTomcat() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(TomcatServletWebServerFactory.class))
			.run((context) -> {
				assertThat(context).hasBean("correlationObservationFilter");
				assertThat(context).doesNotHaveBean(WebServerFactoryCustomizer.class);
			});
	}

	@Test
	void backsOffOutsideServletApplications() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ObservationAutoConfiguration.class, WebMvcCorrelationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomFilter {

		@Bean
		FilterRegistrationBean<ServerHttpObservationFilter> customFilter() {
			return new FilterRegistrationBean<>(new ServerHttpObservationFilter(ObservationRegistry.create()));
		}

	}

}
