package io.github.correlation.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskContextTests {

	private static final ThreadLocal<String> value = new ThreadLocal<>();

	private static final String KEY = TaskContextTests.class.getName();

	@BeforeEach
	void register() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(KEY, value);
	}

	@AfterEach
	void remove() {
		ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
		value.remove();
	}

	@Test
	void tasksRunInTheSubmittersContextAndLeaveTheWorkerAsItWas() throws Exception {
		ExecutorService worker = Executors.newSingleThreadExecutor();
		try {
			value.set("request-1");
			AtomicReference<String> seen = new AtomicReference<>();
			Runnable wrapped = TaskContext.wrap(() -> seen.set(value.get()));
			value.remove();
			worker.submit(wrapped).get();
			assertThat(seen).hasValue("request-1");
			assertThat(worker.submit(value::get).get()).isNull();
		}
		finally {
			worker.shutdown();
		}
	}

	@Test
	void wrapsCallablesSuppliersAndExecutors() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		ExecutorService wrappedPool = TaskContext.wrap(pool);
		try {
			value.set("request-2");
			AtomicReference<String> fromExecutor = new AtomicReference<>();
			var callable = TaskContext.wrap(() -> value.get());
			var supplier = TaskContext.wrapSupplier(() -> value.get());
			var executor = TaskContext.wrap((java.util.concurrent.Executor) pool);
			value.remove();
			assertThat(pool.submit(callable).get()).isEqualTo("request-2");
			assertThat(pool.submit(supplier::get).get()).isEqualTo("request-2");
			value.set("request-3");
			assertThat(wrappedPool.submit(value::get).get()).isEqualTo("request-3");
			java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
			executor.execute(() -> {
				fromExecutor.set(value.get());
				done.countDown();
			});
			done.await();
			assertThat(fromExecutor).hasValue("request-3");
			value.remove();
			assertThat(pool.submit(value::get).get()).isNull();
		}
		finally {
			pool.shutdown();
		}
	}

}
