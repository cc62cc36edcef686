package io.github.correlation.benchmarks;

import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.MDC;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The added cost of carrying the context into a task: submit a task and wait for it, from
 * inside a request-like observation, on a single-thread {@code ThreadPoolTaskExecutor}
 * that the starter decorated, and on an identical one it did not. The task reads the MDC,
 * as a log line would. Report the ratio {@code propagating / plain}; both run in the same
 * JVM.
 *
 * @author Correlation contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
public class TaskPropagationBenchmark {

	private ConfigurableApplicationContext context;

	private ThreadPoolTaskExecutor propagating;

	private ThreadPoolTaskExecutor plain;

	private TaskDecorator decorator;

	private Observation observation;

	private Observation.Scope scope;

	@Setup(Level.Trial)
	public void start() {
		this.context = SpringApplication.run(BenchmarkApplication.class, "--spring.main.web-application-type=none",
				"--logging.level.root=warn", "--management.tracing.sampling.probability=1.0");
		this.propagating = this.context.getBean("propagating", ThreadPoolTaskExecutor.class);
		this.plain = BenchmarkApplication.singleThread("plain-");
		this.plain.initialize();
		this.decorator = this.context.getBean(TaskDecorator.class);
		this.observation = Observation.start("benchmark.request", this.context.getBean(ObservationRegistry.class));
		this.scope = this.observation.openScope();
		verify();
	}

	private void verify() {
		try {
			String traceId = MDC.get("trace_id");
			if (traceId == null || !traceId.equals(propagating()) || plain() != null
					|| !traceId.equals(inlinePropagating())) {
				throw new IllegalStateException("The benchmark does not measure what it claims to");
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.scope.close();
		this.observation.stop();
		this.plain.shutdown();
		this.context.close();
	}

	@Benchmark
	public String plain() throws Exception {
		return this.plain.submit(() -> MDC.get("trace_id")).get();
	}

	@Benchmark
	public String propagating() throws Exception {
		return this.propagating.submit(() -> MDC.get("trace_id")).get();
	}

	@Benchmark
	public String inlinePlain() {
		Task task = new Task();
		task.run();
		return task.traceId;
	}

	@Benchmark
	public String inlinePropagating() {
		Task task = new Task();
		this.decorator.decorate(task).run();
		return task.traceId;
	}

	/**
	 * Reads what a log line would.
	 */
	static final class Task implements Runnable {

		String traceId;

		@Override
		public void run() {
			this.traceId = MDC.get("trace_id");
		}

	}

	@SpringBootApplication
	public static class BenchmarkApplication {

		@Bean
		ThreadPoolTaskExecutor propagating() {
			return singleThread("propagating-");
		}

		static ThreadPoolTaskExecutor singleThread(String prefix) {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(1);
			executor.setMaxPoolSize(1);
			executor.setThreadNamePrefix(prefix);
			return executor;
		}

	}

}
