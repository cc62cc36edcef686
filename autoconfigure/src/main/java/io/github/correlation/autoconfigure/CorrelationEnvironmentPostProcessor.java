package io.github.correlation.autoconfigure;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Adds the starter's defaults for properties that Boot already owns, in a property source
 * named {@value #NAME} ranked last (see {@link ComputedDefaults}), each computed from the
 * bound correlation properties ({@link CorrelationLoggingProperties},
 * {@link CorrelationKafkaProperties}, {@link TaskProperties}):
 * <ul>
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
 * Boot's {@code RestClient} that doubled the allocation of a traced request (see
 * docs/cost.md); applications that want it set it themselves.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see OtlpMetricsExportEnvironmentPostProcessor
 */
public final class CorrelationEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source.
	 */
	public static final String NAME = "correlationDefaults";

	private static final Map<String, Function<Environment, @Nullable Object>> DEFAULTS = Map.of(
			"logging.pattern.correlation", CorrelationEnvironmentPostProcessor::correlationPattern,
			"spring.kafka.template.observation-enabled", trueWhen(CorrelationEnvironmentPostProcessor::kafkaEnabled),
			"spring.kafka.listener.observation-enabled", trueWhen(CorrelationEnvironmentPostProcessor::kafkaEnabled),
			"spring.task.execution.propagate-context",
			trueWhen((environment) -> PropertySupport.bind(environment, TaskProperties.class).isEnabled()));

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ComputedDefaults.addLast(environment, NAME, DEFAULTS);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static Function<Environment, @Nullable Object> trueWhen(Predicate<Environment> enabled) {
		return (environment) -> enabled.test(environment) ? true : null;
	}

	private static boolean kafkaEnabled(Environment environment) {
		return PropertySupport.bind(environment, CorrelationKafkaProperties.class).isEnabled();
	}

	private static @Nullable Object correlationPattern(Environment environment) {
		CorrelationLoggingProperties logging = PropertySupport.bind(environment, CorrelationLoggingProperties.class);
		if (!logging.isEnabled()) {
			return null;
		}
		return "%correlationId{" + logging.getMdc().getTraceId() + "(32)," + logging.getMdc().getSpanId() + "(16)}";
	}

}
