package io.github.correlation.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;

/**
 * Closed-loop HTTP load on several targets at once: each worker sends one request to
 * every target in turn, starting with a different one each round, so that every target
 * sees the same load, on the same machine, at the same moments. Latencies are recorded
 * only while {@link #measure() measuring}; failures (an exception, or any answer other
 * than {@code 200} with the expected body) are counted always.
 */
final class ClosedLoopLoad implements AutoCloseable {

	private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(2);

	private final List<URI> targets;

	private final String expectedBody;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final List<Worker> workers = new ArrayList<>();

	private final AtomicReference<String> firstFailure = new AtomicReference<>();

	private final AtomicLong interruptions = new AtomicLong();

	private volatile boolean running = true;

	private volatile boolean measuring;

	ClosedLoopLoad(List<URI> targets, String expectedBody, int threads) {
		this.targets = List.copyOf(targets);
		this.expectedBody = expectedBody;
		for (int i = 0; i < threads; i++) {
			Worker worker = new Worker(i);
			this.workers.add(worker);
		}
	}

	void start() {
		this.workers.forEach(Thread::start);
	}

	/**
	 * Start recording latencies: what came before was warm-up.
	 */
	void measure() {
		this.measuring = true;
	}

	/**
	 * Do something that stops the world, such as {@code System.gc()}, without letting it
	 * distort the latencies: requests in flight while it runs are not measured.
	 * @param action what to do
	 * @return its result
	 */
	long interrupting(LongSupplier action) {
		this.interruptions.incrementAndGet();
		try {
			return action.getAsLong();
		}
		finally {
			this.interruptions.incrementAndGet();
		}
	}

	/**
	 * Stop the workers and wait for them.
	 * @return what each target saw, in the order of the targets
	 * @throws InterruptedException if interrupted while waiting
	 */
	List<Result> stop() throws InterruptedException {
		this.running = false;
		for (Worker worker : this.workers) {
			worker.join(TimeUnit.MINUTES.toMillis(1));
		}
		List<Result> results = new ArrayList<>();
		for (int target = 0; target < this.targets.size(); target++) {
			Histogram latencies = new Histogram(MAX_LATENCY_MICROS, 3);
			long sent = 0;
			long failed = 0;
			long excluded = 0;
			for (Worker worker : this.workers) {
				latencies.add(worker.latencies[target]);
				sent += worker.sent[target];
				failed += worker.failed[target];
				excluded += worker.excluded[target];
			}
			results.add(new Result(sent, failed, excluded, latencies));
		}
		return results;
	}

	String firstFailure() {
		return this.firstFailure.get();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.running) {
			stop();
		}
	}

	/**
	 * What one target saw.
	 *
	 * @param sent requests sent, warm-up included
	 * @param failed requests that failed, warm-up included
	 * @param excluded requests not measured because they were in flight during an
	 * {@link #interrupting(LongSupplier) interruption}
	 * @param latencies latencies in microseconds of the measured requests
	 */
	record Result(long sent, long failed, long excluded, Histogram latencies) {

		double p50Millis() {
			return this.latencies.getValueAtPercentile(50) / 1000.0;
		}

		double p99Millis() {
			return this.latencies.getValueAtPercentile(99) / 1000.0;
		}

		double maxMillis() {
			return this.latencies.getMaxValue() / 1000.0;
		}

		long measured() {
			return this.latencies.getTotalCount();
		}

	}

	private final class Worker extends Thread {

		private final int index;

		private final Histogram[] latencies;

		private final long[] sent;

		private final long[] failed;

		private final long[] excluded;

		Worker(int index) {
			super("closed-loop-load-" + index);
			setDaemon(true);
			this.index = index;
			int count = ClosedLoopLoad.this.targets.size();
			this.latencies = new Histogram[count];
			for (int i = 0; i < count; i++) {
				this.latencies[i] = new Histogram(MAX_LATENCY_MICROS, 3);
			}
			this.sent = new long[count];
			this.failed = new long[count];
			this.excluded = new long[count];
		}

		@Override
		public void run() {
			List<HttpRequest> requests = ClosedLoopLoad.this.targets.stream()
				.map((target) -> HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).GET().build())
				.toList();
			int count = requests.size();
			long round = this.index;
			while (ClosedLoopLoad.this.running) {
				for (int i = 0; i < count; i++) {
					int target = (int) ((round + i) % count);
					send(target, requests.get(target));
				}
				round++;
			}
		}

		private void send(int target, HttpRequest request) {
			boolean measured = ClosedLoopLoad.this.measuring;
			long interruptions = ClosedLoopLoad.this.interruptions.get();
			long start = System.nanoTime();
			String failure = null;
			try {
				HttpResponse<String> response = ClosedLoopLoad.this.client.send(request,
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200 || !ClosedLoopLoad.this.expectedBody.equals(response.body())) {
					failure = request.uri() + " answered " + response.statusCode() + ": " + response.body();
				}
			}
			catch (IOException ex) {
				failure = request.uri() + " failed: " + ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				ClosedLoopLoad.this.running = false;
				return;
			}
			long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
			this.sent[target]++;
			if (failure != null) {
				this.failed[target]++;
				ClosedLoopLoad.this.firstFailure.compareAndSet(null, failure);
			}
			else if (measured) {
				if (interruptions % 2 == 0 && ClosedLoopLoad.this.interruptions.get() == interruptions) {
					this.latencies[target].recordValue(Math.min(micros, MAX_LATENCY_MICROS));
				}
				else {
					this.excluded[target]++;
				}
			}
		}

	}

}
