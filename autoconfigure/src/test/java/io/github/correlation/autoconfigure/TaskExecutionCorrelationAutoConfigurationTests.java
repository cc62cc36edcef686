package io.github.correlation.autoconfigure;

import java.util.Optional;
import java.util.concurrent.Executor;

import io.github.correlation.task.ExecutorContextPostProcessor;
import io.github.correlation.task.ReactorSchedulerContext;
import io.github.correlation.task.ThreadLocalAccessorRegistration;
import io.github.correlation.test.TaskProbe;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

class TaskExecutionCorrelationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ObservationAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
						MicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
						TaskExecutionAutoConfiguration.class, TaskExecutionCorrelationAutoConfiguration.class))
		.withPropertyValues("spring.task.execution.propagate-context=true");

	@Test
	void suppliesTheTaskBoundary() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ExecutorContextPostProcessor.class)
				.hasSingleBean(ThreadLocalAccessorRegistration.class)
				.hasSingleBean(ContextPropagatingTaskDecorator.class);
			assertThat(TaskProbe.carriesContext(context.getBean("applicationTaskExecutor", Executor.class))).isTrue();
			assertThat(context.getBean(ExecutorContextPostProcessor.class).getDecorated())
				.doesNotContainKey("applicationTaskExecutor");
		});
	}

	@Test
	void decoratesTheApplicationsOwnExecutors() {
		this.contextRunner.withBean("ownPool", ThreadPoolTaskExecutor.class, ThreadPoolTaskExecutor::new)
			.run((context) -> assertThat(TaskProbe.carriesContext(context.getBean("ownPool", Executor.class)))
				.isTrue());
	}

	@Test
	void followsBootsSwitchForExecutors() {
		this.contextRunner.withPropertyValues("spring.task.execution.propagate-context=false")
			.withBean("ownPool", ThreadPoolTaskExecutor.class, ThreadPoolTaskExecutor::new)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ExecutorContextPostProcessor.class);
				assertThat(TaskProbe.carriesContext(context.getBean("ownPool", Executor.class))).isFalse();
				assertThat(context).hasSingleBean(ThreadLocalAccessorRegistration.class);
			});
	}

	@Test
	void backsOffForACustomRegistration() {
		ThreadLocalAccessorRegistration custom = new ThreadLocalAccessorRegistration(
				new io.micrometer.context.ContextRegistry(), io.micrometer.observation.ObservationRegistry.NOOP,
				io.micrometer.tracing.Tracer.NOOP);
		this.contextRunner.withBean("customRegistration", ThreadLocalAccessorRegistration.class, () -> custom)
			.run((context) -> assertThat(context.getBean(ThreadLocalAccessorRegistration.class)).isSameAs(custom));
	}

	@Test
	void isOffWhenDisabled() {
		this.contextRunner.withPropertyValues("correlation.task.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ExecutorContextPostProcessor.class)
				.doesNotHaveBean(ThreadLocalAccessorRegistration.class));
	}

	@Test
	void backsOffWithoutContextPropagation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextSnapshot.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ExecutorContextPostProcessor.class));
	}

	@Test
	void carriesTheContextToWorkReactorSchedules() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ReactorSchedulerContext.class);
			assertThat(currentObservationOnBoundedElastic(context.getBean(ObservationRegistry.class))).isTrue();
		});
		assertThat(currentObservationOnBoundedElastic(ObservationRegistry.create())).as("after the context closed")
			.isFalse();
	}

	@Test
	void leavesReactorAloneWhenDisabled() {
		this.contextRunner.withPropertyValues("correlation.task.reactor.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ReactorSchedulerContext.class);
			assertThat(currentObservationOnBoundedElastic(context.getBean(ObservationRegistry.class))).isFalse();
		});
	}

	@Test
	void leavesReactorAloneWithoutReactor() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Schedulers.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ReactorSchedulerContext.class)
				.hasSingleBean(ThreadLocalAccessorRegistration.class));
	}

	private static boolean currentObservationOnBoundedElastic(ObservationRegistry registry) {
		Observation observation = Observation.start("probe", registry);
		try (Observation.Scope scope = observation.openScope()) {
			Observation seen = Mono.fromCallable(() -> Optional.ofNullable(registry.getCurrentObservation()))
				.subscribeOn(Schedulers.boundedElastic())
				.block()
				.orElse(null);
			return seen == observation;
		}
		finally {
			observation.stop();
		}
	}

}
