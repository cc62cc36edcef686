package io.github.correlation.task;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutorContextPostProcessorTests {

	@Test
	void addsContextPropagationAroundTheExecutorsOwnDecorator() {
		try (AnnotationConfigApplicationContext context = context(Executors.class)) {
			Object decorator = ReflectionTestUtils.getField(context.getBean("withDecorator"), "taskDecorator");
			assertThat(decorator).isInstanceOf(CompositeTaskDecorator.class);
			List<?> decorators = (List<?>) ReflectionTestUtils.getField(decorator, "taskDecorators");
			assertThat(decorators).hasSize(2).first().isSameAs(Executors.OWN);
			assertThat(decorators.get(1)).isInstanceOf(ContextPropagatingTaskDecorator.class);
		}
	}

	@Test
	void leavesExecutorsThatAlreadyPropagateContextAlone() {
		try (AnnotationConfigApplicationContext context = context(Executors.class)) {
			assertThat(ReflectionTestUtils.getField(context.getBean("alreadyPropagating"), "taskDecorator"))
				.isSameAs(Executors.PROPAGATING);
			assertThat(context.getBean(ExecutorContextPostProcessor.class).getDecorated())
				.doesNotContainKey("alreadyPropagating")
				.containsKeys("withDecorator", "plain", "service", "scheduled", "executor");
		}
	}

	@Test
	void wrapsBeansDeclaredByAJdkInterfaceAndReportsConcreteOnes() {
		try (AnnotationConfigApplicationContext context = context(Executors.class)) {
			assertThat(context.getBean("service")).isInstanceOf(ExecutorService.class)
				.isNotInstanceOf(ThreadPoolExecutor.class);
			assertThat(context.getBean("scheduled")).isInstanceOf(ScheduledExecutorService.class)
				.isNotInstanceOf(ThreadPoolExecutor.class);
			assertThat(context.getBean("concrete")).isInstanceOf(ThreadPoolExecutor.class);
			assertThat(context.getBean(ExecutorContextPostProcessor.class).getUnreachable())
				.containsOnlyKeys("concrete");
		}
	}

	private static AnnotationConfigApplicationContext context(Class<?> configuration) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean(ExecutorContextPostProcessor.class);
		context.register(configuration);
		context.refresh();
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	static class Executors {

		static final TaskDecorator OWN = (runnable) -> runnable;

		static final TaskDecorator PROPAGATING = new CompositeTaskDecorator(
				List.of(OWN, new ContextPropagatingTaskDecorator()));

		@Bean
		ThreadPoolTaskExecutor withDecorator() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setTaskDecorator(OWN);
			return executor;
		}

		@Bean
		ThreadPoolTaskExecutor alreadyPropagating() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setTaskDecorator(PROPAGATING);
			return executor;
		}

		@Bean
		ThreadPoolTaskExecutor plain() {
			return new ThreadPoolTaskExecutor();
		}

		@Bean(destroyMethod = "shutdown")
		ExecutorService service() {
			return java.util.concurrent.Executors.newSingleThreadExecutor();
		}

		@Bean(destroyMethod = "shutdown")
		ScheduledExecutorService scheduled() {
			return java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
		}

		@Bean
		Executor executor() {
			return Runnable::run;
		}

		@Bean(destroyMethod = "shutdown")
		ThreadPoolExecutor concrete() {
			return new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		}

	}

}
