package io.github.correlation.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * An application that hands work to every kind of executor: Boot's, its own Spring and
 * JDK executors, {@code @Async}, {@code CompletableFuture} chains, Reactor, and threads
 * the starter cannot see.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableAsync
@EnableScheduling
@Import({ AsyncTestApplication.Tasks.class, AsyncTestApplication.Worker.class, AsyncTestApplication.Ticker.class })
class AsyncTestApplication {

	private static final Logger logger = LoggerFactory.getLogger(AsyncTestApplication.class);

	@Bean
	ThreadPoolTaskExecutor ownPool() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(2);
		executor.setMaxPoolSize(2);
		executor.setThreadNamePrefix("own-pool-");
		return executor;
	}

	@Bean
	ThreadPoolTaskScheduler ownScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setThreadNamePrefix("own-scheduler-");
		return scheduler;
	}

	@Bean
	SimpleAsyncTaskExecutor ownSimple() {
		return new SimpleAsyncTaskExecutor("own-simple-");
	}

	@Bean(destroyMethod = "shutdown")
	ExecutorService jdkPool() {
		return Executors.newFixedThreadPool(2);
	}

	@Bean(destroyMethod = "shutdown")
	ScheduledExecutorService jdkScheduled() {
		return Executors.newScheduledThreadPool(2);
	}

	@Bean
	Executor plainExecutor() {
		return Executors.newFixedThreadPool(2);
	}

	@Bean(destroyMethod = "shutdown")
	ThreadPoolExecutor concretePool() {
		return new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
	}

	static class Worker {

		private final ObservationRegistry registry;

		Worker(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Async
		CompletableFuture<String> work(String tag) {
			return CompletableFuture.completedFuture(Tasks.doWork(this.registry, "async", tag));
		}

	}

	static class Ticker {

		@Scheduled(fixedDelay = 100)
		void tick() {
			logger.info("tick");
		}

	}

	@RestController
	static class Tasks {

		private final ApplicationContext context;

		private final ObservationRegistry registry;

		private final Tracer tracer;

		private final Worker worker;

		private final WebClient webClient;

		private final String downstream;

		Tasks(ApplicationContext context, ObservationRegistry registry, Tracer tracer, Worker worker,
				WebClient.Builder webClient, @Value("${test.downstream:http://127.0.0.1:9}") String downstream) {
			this.context = context;
			this.registry = registry;
			this.tracer = tracer;
			this.worker = worker;
			this.webClient = webClient.build();
			this.downstream = downstream;
		}

		static String doWork(ObservationRegistry registry, String kind, String tag) {
			logger.info("task {} {}", kind, tag);
			Observation.createNotStarted("task.work", registry)
				.contextualName("work " + kind)
				.observe(() -> logger.info("work {} {}", kind, tag));
			return Thread.currentThread().getName();
		}

		@GetMapping("/run")
		String run(@RequestParam String kind, @RequestParam String tag) throws Exception {
			Callable<String> task = () -> doWork(this.registry, kind, tag);
			return switch (kind) {
				case "async" -> this.worker.work(tag).get();
				case "applicationTaskExecutor", "ownPool", "ownSimple" ->
					this.context.getBean(kind, AsyncTaskExecutor.class).submit(task).get();
				case "ownScheduler" -> {
					CompletableFuture<String> result = new CompletableFuture<>();
					this.context.getBean(ThreadPoolTaskScheduler.class)
						.schedule(() -> result.complete(call(task)), Instant.now());
					yield result.get();
				}
				case "jdkPool" -> this.context.getBean(kind, ExecutorService.class).submit(task).get();
				case "jdkScheduled" -> this.context.getBean(kind, ScheduledExecutorService.class)
					.schedule(task, 1, TimeUnit.MILLISECONDS)
					.get();
				case "plainExecutor" ->
					CompletableFuture.supplyAsync(() -> call(task), this.context.getBean(kind, Executor.class)).get();
				case "completable" -> CompletableFuture
					.supplyAsync(() -> call(() -> doWork(this.registry, "completable-first", tag)),
							this.context.getBean("ownPool", Executor.class))
					.thenApplyAsync((first) -> call(() -> doWork(this.registry, "completable-second", tag)),
							this.context.getBean("jdkPool", Executor.class))
					.get();
				case "inlineWrapped" -> inline(TaskContext.wrap(Executors.newSingleThreadExecutor()), task);
				case "inlineUnwrapped" -> inline(Executors.newSingleThreadExecutor(), task);
				case "commonPool" -> CompletableFuture.supplyAsync(TaskContext.wrapSupplier(() -> call(task))).get();
				default -> throw new IllegalArgumentException(kind);
			};
		}

		@GetMapping("/manual")
		String manual(@RequestParam String tag) throws Exception {
			Span span = this.tracer.nextSpan().name("manual").start();
			try (Tracer.SpanInScope scope = this.tracer.withSpan(span);
					BaggageInScope baggage = this.tracer.createBaggageInScope("tenant_id", "acme")) {
				logger.info("manual span {}", tag);
				return this.context.getBean("ownPool", AsyncTaskExecutor.class)
					.submit(() -> doWork(this.registry, "manual", tag))
					.get();
			}
			finally {
				span.end();
			}
		}

		@GetMapping("/fanout")
		String fanout(@RequestParam String tag, @RequestParam(defaultValue = "ownPool") String executor)
				throws Exception {
			AsyncTaskExecutor target = this.context.getBean(executor, AsyncTaskExecutor.class);
			List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				int index = i;
				futures.add(target.submit(() -> logger.info("fan {} {}", tag, index)));
			}
			for (java.util.concurrent.Future<?> future : futures) {
				future.get();
			}
			return "done";
		}

		@GetMapping("/reactive")
		String reactive(@RequestParam String tag) {
			String body = this.webClient.get()
				.uri(this.downstream + "/reactive/" + tag)
				.retrieve()
				.bodyToMono(String.class)
				.doOnNext((received) -> logger.info("reactive body {}", tag))
				.block();
			Mono.fromCallable(() -> tag)
				.subscribeOn(Schedulers.boundedElastic())
				.doOnNext((value) -> logger.info("reactive hop {}", value))
				.block();
			return body;
		}

		@GetMapping("/reactive-limited")
		String reactiveLimited(@RequestParam String tag) {
			String body = this.webClient.get()
				.uri(this.downstream + "/reactive/" + tag)
				.retrieve()
				.bodyToMono(String.class)
				.<String>handle((received, sink) -> {
					logger.info("reactive body {}", tag);
					sink.next(received);
				})
				.contextCapture()
				.block();
			Mono.fromCallable(() -> tag).subscribeOn(Schedulers.boundedElastic()).<String>handle((value, sink) -> {
				logger.info("reactive hop {}", value);
				sink.next(value);
			}).contextCapture().block();
			return body;
		}

		private static String inline(ExecutorService executor, Callable<String> task) throws Exception {
			try {
				return executor.submit(task).get();
			}
			finally {
				executor.shutdown();
			}
		}

		private static String call(Callable<String> task) {
			try {
				return task.call();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
