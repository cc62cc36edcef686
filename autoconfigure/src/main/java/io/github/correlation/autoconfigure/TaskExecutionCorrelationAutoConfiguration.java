package io.github.correlation.autoconfigure;

import io.github.correlation.task.ExecutorContextPostProcessor;
import io.github.correlation.task.ReactorSchedulerContext;
import io.github.correlation.task.ThreadLocalAccessorRegistration;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.contextpropagation.ObservationAwareSpanThreadLocalAccessor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Auto-configuration of task correlation. Boot's own
 * {@code spring.task.execution.propagate-context} (defaulted to {@code true} by
 * {@link CorrelationEnvironmentPostProcessor}) decorates Boot's executors and schedulers;
 * this class extends it to the application's own executor beans, and lets hand-made spans
 * and baggage cross threads.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = CorrelationAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration")
@ConditionalOnClass({ ContextSnapshot.class, ContextPropagatingTaskDecorator.class,
		ObservationAwareSpanThreadLocalAccessor.class })
@ConditionalOnBooleanProperty(name = "correlation.task.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TaskProperties.class)
public final class TaskExecutionCorrelationAutoConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "spring.task.execution.propagate-context")
	static ExecutorContextPostProcessor executorContextPostProcessor() {
		return new ExecutorContextPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ ObservationRegistry.class, Tracer.class })
	ThreadLocalAccessorRegistration threadLocalAccessorRegistration(ObservationRegistry observationRegistry,
			Tracer tracer) {
		return new ThreadLocalAccessorRegistration(ContextRegistry.getInstance(), observationRegistry, tracer);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.core.scheduler.Schedulers")
	@ConditionalOnBooleanProperty(name = "correlation.task.reactor.enabled", matchIfMissing = true)
	static class ReactorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactorSchedulerContext reactorSchedulerContext() {
			return new ReactorSchedulerContext();
		}

	}

}
