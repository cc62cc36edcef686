package io.github.correlation.task;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextScheduledExecutorService;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Carries the current context (current observation and span, baggage, and through them
 * the MDC ids) to threads the starter cannot see: executors created inline
 * ({@code Executors.newFixedThreadPool(4)} in a method), the common {@code ForkJoinPool}
 * behind {@code CompletableFuture.supplyAsync(supplier)} and {@code parallelStream()},
 * threads started by hand. Executor beans, {@code @Async} and Boot's executors need none
 * of this.
 *
 * <pre class="code">
 * CompletableFuture.supplyAsync(TaskContext.wrapSupplier(() -&gt; this.payments.authorize(order)));
 * ExecutorService pool = TaskContext.wrap(Executors.newFixedThreadPool(4));
 * </pre>
 *
 * A wrapped task restores the worker thread to exactly what it was once it ends.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class TaskContext {

	private static final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	private TaskContext() {
	}

	/**
	 * Capture the current context for a runnable.
	 * @param task the task
	 * @return a task that runs in the context current now
	 */
	public static Runnable wrap(Runnable task) {
		return snapshots.captureAll().wrap(task);
	}

	/**
	 * Capture the current context for a callable.
	 * @param <T> the result type
	 * @param task the task
	 * @return a task that runs in the context current now
	 */
	public static <T> Callable<T> wrap(Callable<T> task) {
		return snapshots.captureAll().wrap(task);
	}

	/**
	 * Capture the current context for a supplier, as
	 * {@code CompletableFuture.supplyAsync} takes.
	 * @param <T> the result type
	 * @param task the task
	 * @return a supplier that runs in the context current now
	 */
	public static <T> Supplier<T> wrapSupplier(Supplier<T> task) {
		ContextSnapshot snapshot = snapshots.captureAll();
		return () -> {
			try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
				return task.get();
			}
		};
	}

	/**
	 * Wrap an executor so that every task runs in the context current when it was
	 * submitted.
	 * @param executor the executor
	 * @return the wrapped executor
	 */
	public static Executor wrap(Executor executor) {
		return (task) -> executor.execute(wrap(task));
	}

	/**
	 * Wrap an executor service so that every task runs in the context current when it was
	 * submitted.
	 * @param executor the executor service
	 * @return the wrapped executor service
	 */
	public static ExecutorService wrap(ExecutorService executor) {
		return ContextExecutorService.wrap(executor, snapshots::captureAll);
	}

	/**
	 * Wrap a scheduled executor service so that every task runs in the context current
	 * when it was scheduled.
	 * @param executor the scheduled executor service
	 * @return the wrapped scheduled executor service
	 */
	public static ScheduledExecutorService wrap(ScheduledExecutorService executor) {
		return ContextScheduledExecutorService.wrap(executor, snapshots::captureAll);
	}

}
