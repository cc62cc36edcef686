package io.github.correlation.web.servlet;

import io.github.correlation.autoconfigure.CorrelationAutoConfiguration;
import io.github.correlation.autoconfigure.WebMvcCorrelationAutoConfiguration;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response headers follow their switches, on the filter the auto-configuration
 * registers, in front of a real {@code DispatcherServlet}.
 */
class ResponseHeaderSwitchesTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
				WebMvcAutoConfiguration.class, WebMvcObservationAutoConfiguration.class,
				CorrelationAutoConfiguration.class, WebMvcCorrelationAutoConfiguration.class))
		.withUserConfiguration(HelloController.class);

	@Test
	void writesTheBareTraceIdHeaderWhenEnabled() {
		this.contextRunner
			.withPropertyValues("correlation.web.trace-id-header.enabled=true",
					"correlation.web.trace-id-header.name=X-B3-TraceId")
			.run((context) -> {
				MvcTestResult result = hello(context);
				assertThat(result.getResponse().getHeaders("X-B3-TraceId")).containsExactly(TRACE_ID);
				assertThat(result.getResponse().getHeader("traceresponse")).startsWith("00-" + TRACE_ID);
			});
	}

	@Test
	void writesNoTraceHeadersWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("correlation.web.trace-response.enabled=false").run((context) -> {
			MvcTestResult result = hello(context);
			assertThat(result.getResponse().getHeaderNames()).doesNotContain("traceresponse", "X-Trace-Id");
			assertThat(result.getResponse().getHeader("X-Request-Id")).isNotBlank();
		});
	}

	@Test
	void leavesTheRequestIdOutWhenItIsDisabled() {
		this.contextRunner.withPropertyValues("correlation.request-id.enabled=false").run((context) -> {
			MvcTestResult result = hello(context);
			assertThat(result.getResponse().getHeaderNames()).doesNotContain("X-Request-Id");
			assertThat(result.getResponse().getHeader("traceresponse")).startsWith("00-" + TRACE_ID);
		});
	}

	@Test
	void leavesResponsesAsBootWritesThemWhenTheWebBoundaryIsOff() {
		this.contextRunner.withPropertyValues("correlation.web.enabled=false").run((context) -> {
			MvcTestResult result = hello(context);
			assertThat(result).hasStatusOk();
			assertThat(result.getResponse().getHeaderNames()).doesNotContain("traceresponse", "X-Request-Id");
		});
	}

	private static MvcTestResult hello(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		Filter filter = context.getBean(FilterRegistrationBean.class).getFilter();
		MockMvcTester mvc = MockMvcTester.from(context, (builder) -> builder.addFilters(filter).build());
		return mvc.get().uri("/hello").header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01").exchange();
	}

	@Configuration(proxyBeanMethods = false)
	static class HelloController {

		@Bean
		Hello hello() {
			return new Hello();
		}

	}

	@RestController
	static class Hello {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
