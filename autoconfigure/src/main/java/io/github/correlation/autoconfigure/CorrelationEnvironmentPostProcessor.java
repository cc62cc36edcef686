package io.github.correlation.autoconfigure;

import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * Adds the starter's defaults for properties that Boot already owns, as the last (lowest
 * precedence) property source, named {@value #NAME}: any value the application sets
 * anywhere wins, {@code SpringApplication}'s own default properties included, and
 * {@code /actuator/env} shows where each default came from. Values are computed when
 * read, from the final environment.
 * <ul>
 * <li>{@code management.otlp.metrics.export.enabled}: {@code false} unless an OTLP
 * metrics URL is configured ({@code management.otlp.metrics.export.url}, or
 * {@code OTEL_EXPORTER_OTLP_*} through Boot's mapping); Boot would otherwise push to
 * {@code localhost:4318} every minute and log a failure each time.</li>
 * <li>{@code logging.pattern.correlation}: Boot's {@code %correlationId} with the
 * configured MDC keys.</li>
 * <li>{@code spring.kafka.template.observation-enabled} and
 * {@code spring.kafka.listener.observation-enabled}: {@code true} unless
 * {@code correlation.kafka.enabled} is {@code false}.</li>
 * <li>{@code spring.task.execution.propagate-context}: {@code true} unless
 * {@code correlation.task.enabled} is {@code false}.</li>
 * </ul>
 * {@code spring.reactor.context-propagation} keeps Boot's {@code limited}: {@code auto}
 * restores every thread local on every Reactor signal, and with Reactor Netty under
 * Boot's {@code RestClient} that doubled the allocation of a traced request (see the
 * README's benchmark section); applications that want it set it themselves.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public class CorrelationEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source.
	 */
	public static final String NAME = "correlationDefaults";

	private static final Map<String, Function<Environment, @Nullable Object>> DEFAULTS = Map.of(
			"management.otlp.metrics.export.enabled",
			(environment) -> StringUtils.hasText(environment.getProperty("management.otlp.metrics.export.url")),
			"logging.pattern.correlation", CorrelationEnvironmentPostProcessor::correlationPattern,
			"spring.kafka.template.observation-enabled", (environment) -> whenEnabled(environment, "kafka", true),
			"spring.kafka.listener.observation-enabled", (environment) -> whenEnabled(environment, "kafka", true),
			"spring.task.execution.propagate-context", (environment) -> whenEnabled(environment, "task", true));

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(NAME)) {
			environment.getPropertySources().addLast(new DefaultsPropertySource(environment));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static @Nullable Object whenEnabled(Environment environment, String boundary, Object value) {
		return environment.getProperty("correlation." + boundary + ".enabled", Boolean.class, true) ? value : null;
	}

	private static @Nullable Object correlationPattern(Environment environment) {
		if (!environment.getProperty("correlation.logging.enabled", Boolean.class, true)) {
			return null;
		}
		String traceId = environment.getProperty("correlation.logging.mdc.trace-id", "trace_id");
		String spanId = environment.getProperty("correlation.logging.mdc.span-id", "span_id");
		return "%correlationId{" + traceId + "(32)," + spanId + "(16)}";
	}

	/**
	 * The environment is held in a field, not as the source: Boot walks into any property
	 * source whose source is an environment, which would include this one again.
	 */
	private static final class DefaultsPropertySource extends EnumerablePropertySource<Object> {

		private static final String DEFAULT_PROPERTIES = "defaultProperties";

		private final ConfigurableEnvironment environment;

		DefaultsPropertySource(ConfigurableEnvironment environment) {
			super(NAME, new Object());
			this.environment = environment;
		}

		@Override
		public String[] getPropertyNames() {
			return DEFAULTS.keySet().stream().filter((name) -> !isApplicationDefault(name)).toArray(String[]::new);
		}

		@Override
		public @Nullable Object getProperty(String name) {
			Function<Environment, @Nullable Object> value = DEFAULTS.get(name);
			return (value != null && !isApplicationDefault(name)) ? value.apply(this.environment) : null;
		}

		/**
		 * Boot always ranks {@code SpringApplication}'s default properties last, below
		 * this source, so this source steps aside for the names they hold.
		 */
		private boolean isApplicationDefault(String name) {
			PropertySource<?> defaults = this.environment.getPropertySources().get(DEFAULT_PROPERTIES);
			return defaults != null && defaults.containsProperty(name);
		}

	}

}
