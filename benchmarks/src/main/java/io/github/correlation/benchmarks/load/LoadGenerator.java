package io.github.correlation.benchmarks.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Sends {@code GET} requests over a fixed number of keep-alive connections, one thread
 * each: in a closed loop (the next request as soon as the last answered, for throughput)
 * or at a fixed rate (each request has an intended start time, and its latency is counted
 * from that time, so a stall is not hidden by the requests it delayed: no coordinated
 * omission).
 *
 * @author Correlation contributors
 */
final class LoadGenerator {

	private static final long HIGHEST_LATENCY = TimeUnit.SECONDS.toNanos(60);

	private final int port;

	private final String path;

	private final int connections;

	LoadGenerator(int port, String path, int connections) {
		this.port = port;
		this.path = path;
		this.connections = connections;
	}

	/**
	 * Send requests in a closed loop.
	 * @param duration how long, in nanoseconds
	 * @return what was measured
	 */
	Result closedLoop(long duration) {
		long end = System.nanoTime() + duration;
		return run((connection, histogram, errors) -> {
			while (System.nanoTime() < end) {
				long start = System.nanoTime();
				send(connection, errors);
				histogram.recordValue(Math.min(System.nanoTime() - start, HIGHEST_LATENCY));
			}
		});
	}

	/**
	 * Send requests at a fixed rate.
	 * @param duration how long, in nanoseconds
	 * @param perSecond the rate over all connections
	 * @return what was measured
	 */
	Result fixedRate(long duration, double perSecond) {
		long interval = (long) (TimeUnit.SECONDS.toNanos(1) * this.connections / perSecond);
		long begin = System.nanoTime();
		long end = begin + duration;
		AtomicLong offsets = new AtomicLong();
		return run((connection, histogram, errors) -> {
			long intended = begin + offsets.getAndIncrement() * interval / this.connections;
			while (intended < end) {
				long wait = intended - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				send(connection, errors);
				histogram.recordValue(Math.min(System.nanoTime() - intended, HIGHEST_LATENCY));
				intended += interval;
			}
		});
	}

	private void send(HttpConnection[] connection, AtomicLong errors) {
		try {
			if (connection[0] == null) {
				connection[0] = new HttpConnection(this.port, this.path);
			}
			if (connection[0].get() != 200) {
				errors.incrementAndGet();
			}
			if (connection[0].isClosedByServer()) {
				closeQuietly(connection[0]);
				connection[0] = null;
			}
		}
		catch (IOException ex) {
			errors.incrementAndGet();
			closeQuietly(connection[0]);
			connection[0] = null;
		}
	}

	private Result run(Worker worker) {
		List<Thread> threads = new ArrayList<>();
		List<Histogram> histograms = new ArrayList<>();
		AtomicLong errors = new AtomicLong();
		long start = System.nanoTime();
		for (int i = 0; i < this.connections; i++) {
			Histogram histogram = new Histogram(HIGHEST_LATENCY, 3);
			histograms.add(histogram);
			Thread thread = new Thread(() -> {
				HttpConnection[] connection = new HttpConnection[1];
				worker.run(connection, histogram, errors);
				closeQuietly(connection[0]);
			}, "load-" + i);
			threads.add(thread);
			thread.start();
		}
		threads.forEach(LoadGenerator::join);
		long elapsed = System.nanoTime() - start;
		Histogram total = new Histogram(HIGHEST_LATENCY, 3);
		histograms.forEach(total::add);
		return new Result(total, errors.get(), elapsed);
	}

	private static void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void closeQuietly(HttpConnection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (IOException ex) {
				// the connection is gone either way
			}
		}
	}

	@FunctionalInterface
	private interface Worker {

		void run(HttpConnection[] connection, Histogram histogram, AtomicLong errors);

	}

	/**
	 * What one phase measured.
	 *
	 * @param latencies the latency of every answered request, in nanoseconds
	 * @param errors requests that failed or did not answer 200
	 * @param elapsed how long the phase took, in nanoseconds
	 */
	record Result(Histogram latencies, long errors, long elapsed) {

		long requests() {
			return this.latencies.getTotalCount();
		}

		double perSecond() {
			return requests() * 1e9 / this.elapsed;
		}

		double millisAt(double percentile) {
			return this.latencies.getValueAtPercentile(percentile) / 1e6;
		}

	}

}
