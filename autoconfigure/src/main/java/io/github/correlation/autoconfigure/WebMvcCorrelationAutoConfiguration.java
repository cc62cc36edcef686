package io.github.correlation.autoconfigure;

import java.util.Map;
import java.util.TreeMap;

import io.github.correlation.audit.BoundaryInventory;
import io.github.correlation.requestid.RequestIdPropagator;
import io.github.correlation.web.CorrelationResponseHeaders;
import io.github.correlation.web.servlet.CorrelationObservationFilter;
import io.github.correlation.web.servlet.TomcatErrorScopeValve;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.Span;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.startup.Tomcat;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Auto-configuration of inbound servlet correlation. It registers Spring's server
 * observation filter in the extended form {@link CorrelationObservationFilter}, in the
 * place and with the convention Boot would use, so Boot's own registration backs off and
 * there is still exactly one server observation per request.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = CorrelationAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ ServerHttpObservationFilter.class, ObservationRegistry.class, ObservationProperties.class,
		Span.class })
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "correlation.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ CorrelationWebProperties.class, ObservationProperties.class })
public final class WebMvcCorrelationAutoConfiguration {

	/**
	 * Order of the observation filter: the same as Boot's, so that every other filter
	 * runs inside the server span.
	 */
	public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	@Bean
	@ConditionalOnMissingFilterBean(ServerHttpObservationFilter.class)
	FilterRegistrationBean<ServerHttpObservationFilter> correlationObservationFilter(ObservationRegistry registry,
			ObjectProvider<ServerRequestObservationConvention> customConvention,
			ObservationProperties observationProperties, CorrelationWebProperties web,
			ObjectProvider<RequestIdPropagator> requestIds) {
		String name = observationProperties.getHttp().getServer().getRequests().getName();
		ServerRequestObservationConvention convention = customConvention
			.getIfAvailable(() -> new DefaultServerRequestObservationConvention(name));
		CorrelationResponseHeaders headers = web.responseHeaders(requestIds.getIfAvailable());
		FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(
				new CorrelationObservationFilter(registry, convention, headers));
		registration.setOrder(FILTER_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

	@Bean
	BoundaryInventory httpServerBoundaryInventory(ListableBeanFactory beanFactory) {
		return BoundaryInventory.of("http.server", () -> observationFilters(beanFactory, true),
				() -> observationFilters(beanFactory, false));
	}

	private static Map<String, String> observationFilters(ListableBeanFactory beanFactory, boolean ours) {
		Map<String, String> filters = new TreeMap<>();
		beanFactory.getBeansOfType(FilterRegistrationBean.class, false, false).forEach((name, registration) -> {
			if (registration.getFilter() instanceof ServerHttpObservationFilter filter
					&& (filter instanceof CorrelationObservationFilter) == ours) {
				filters.put(name, ours ? "servlet filter: server spans, traceresponse, request id"
						: "the application's own ServerHttpObservationFilter: no traceresponse, no request id");
			}
		});
		return filters;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class })
	static class TomcatConfiguration {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> correlationTomcatValveCustomizer() {
			return (factory) -> factory.addEngineValves(new TomcatErrorScopeValve());
		}

	}

}
