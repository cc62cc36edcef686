package io.github.correlation.test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether an executor runs a task in the submitting thread's context, the way
 * Spring's {@code ContextPropagatingTaskDecorator} and the starter's wrappers carry it:
 * through the global {@link ContextRegistry}, with a thread local of its own.
 */
public final class TaskProbe {

	private static final ThreadLocal<@Nullable String> value = new ThreadLocal<>();

	static {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new ThreadLocalAccessor<String>() {

			@Override
			public Object key() {
				return TaskProbe.class.getName();
			}

			@Override
			public @Nullable String getValue() {
				return value.get();
			}

			@Override
			public void setValue(String newValue) {
				value.set(newValue);
			}

			@Override
			public void setValue() {
				value.remove();
			}

		});
	}

	private TaskProbe() {
	}

	/**
	 * Submit a task from a thread that holds a probe value.
	 * @param executor the executor
	 * @return whether the task saw the submitting thread's value
	 */
	public static boolean carriesContext(Executor executor) {
		String expected = "probe-" + System.nanoTime();
		AtomicReference<@Nullable String> seen = new AtomicReference<>();
		CompletableFuture<Void> done = new CompletableFuture<>();
		value.set(expected);
		try {
			executor.execute(() -> {
				seen.set(value.get());
				done.complete(null);
			});
		}
		finally {
			value.remove();
		}
		try {
			done.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The task did not run", ex);
		}
		return expected.equals(seen.get());
	}

}
