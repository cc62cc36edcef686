package io.github.correlation.audit;

import java.util.concurrent.Callable;

/**
 * Declares work that starts a new trace on purpose, such as a daemon loop or a job that
 * is its own unit of work: root spans started on the calling thread while the work runs
 * are expected and never reported as a lost context, and log lines it writes on that
 * thread outside a span are not counted as uncorrelated. Span names can also be declared
 * expected roots with {@code correlation.audit.expected-roots}.
 * <p>
 * This declares intent only; it does not change the current trace context. Code that runs
 * inside a request and wants a trace of its own starts its span without a parent (for
 * example {@code tracer.withSpan(null)} around it).
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ExpectedRoot {

	private static final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

	private ExpectedRoot() {
	}

	/**
	 * Run work whose root spans are expected.
	 * @param work the work
	 */
	public static void run(Runnable work) {
		int[] current = depth.get();
		current[0]++;
		try {
			work.run();
		}
		finally {
			current[0]--;
		}
	}

	/**
	 * Call work whose root spans are expected.
	 * @param <T> the result type
	 * @param work the work
	 * @return the result of the work
	 * @throws Exception what the work throws
	 */
	public static <T> T call(Callable<T> work) throws Exception {
		int[] current = depth.get();
		current[0]++;
		try {
			return work.call();
		}
		finally {
			current[0]--;
		}
	}

	/**
	 * Whether the current thread runs work declared to start new traces.
	 * @return {@code true} inside {@link #run(Runnable)} or {@link #call(Callable)}
	 */
	public static boolean isDeclared() {
		return depth.get()[0] > 0;
	}

}
