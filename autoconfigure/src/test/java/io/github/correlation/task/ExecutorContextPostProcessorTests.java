package io.github.correlation.task;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.correlation.test.TaskProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ExecutorContextPostProcessorTests {

	@Test
	void addsContextPropagationAroundTheExecutorsOwnDecorator() {
		try (AnnotationConfigApplicationContext context = context(Executors.class)) {
			int ownRuns = Executors.ownRuns.get();
			assertThat(TaskProbe.carriesContext(context.getBean("withDecorator", Executor.class))).isTrue();
			assertThat(Executors.ownRuns.get()).as("the executor's own decorator still runs").isEqualTo(ownRuns + 1);
		}
	}

	@Test
	void carriesTheContextThroughEveryKindOfExecutorBean() {
		try (AnnotationConfigApplicationContext context = context(Executors.class)) {
			for (String name : List.of("plain", "service", "scheduled", "executor")) {
				assertThat(TaskProbe.carriesContext(context.getBean(name, Executor.class))).as(name).isTrue();
			}
			assertThat(TaskProbe.carriesContext(context.getBean("concrete", Executor.class))).isFalse();
		}
	}

	@Test
	void leavesExecutorsThatAlreadyPropagateContextAlone() {
		try (AnnotationConfigApplicationContext context = context(Executors.class)) {
			int ownRuns = Executors.ownRuns.get();
			assertThat(TaskProbe.carriesContext(context.getBean("alreadyPropagating", Executor.class))).isTrue();
			assertThat(Executors.ownRuns.get()).isEqualTo(ownRuns + 1);
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

	@Test
	void warnsAndLeavesAnExecutorAloneWhenItsDecoratorFieldMoved(CapturedOutput output) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean(ExecutorContextPostProcessor.class);
			MovedFieldExecutor executor = new MovedFieldExecutor();
			context.registerBean("movedField", MovedFieldExecutor.class, () -> executor);
			context.refresh();
			assertThat(executor.decorator).as("its own decorator is kept").isSameAs(MovedFieldExecutor.OWN);
			assertThat(context.getBean(ExecutorContextPostProcessor.class).getUnreachable()).containsKey("movedField");
			assertThat(output)
				.contains("Bean 'movedField': " + MovedFieldExecutor.class.getName() + " has no field 'taskDecorator'");
		}
	}

	private static AnnotationConfigApplicationContext context(Class<?> configuration) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean(ExecutorContextPostProcessor.class);
		context.register(configuration);
		context.refresh();
		return context;
	}

	/**
	 * An executor as a future Spring might write it: the setter is there, the field is
	 * not.
	 */
	static final class MovedFieldExecutor implements Executor {

		static final TaskDecorator OWN = (runnable) -> runnable;

		TaskDecorator decorator = OWN;

		void setTaskDecorator(TaskDecorator decorator) {
			this.decorator = decorator;
		}

		@Override
		public void execute(Runnable command) {
			this.decorator.decorate(command).run();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Executors {

		static final AtomicInteger ownRuns = new AtomicInteger();

		static final TaskDecorator OWN = (runnable) -> () -> {
			ownRuns.incrementAndGet();
			runnable.run();
		};

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
