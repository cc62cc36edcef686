package io.github.correlation.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Thread-safe storage of received spans, indexed by trace, that lets a test thread wait
 * for a trace without polling: every arrival wakes the waiters.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
final class SpanStore {

	private final Object monitor = new Object();

	private final List<ReceivedSpan> spans = new ArrayList<>();

	private final Map<String, List<ReceivedSpan>> spansByTrace = new LinkedHashMap<>();

	private final Map<String, Long> lastArrivalByTrace = new HashMap<>();

	private final List<ReceivedLogRecord> logRecords = new ArrayList<>();

	private long changes;

	private int requests;

	void countRequest() {
		synchronized (this.monitor) {
			this.requests++;
		}
	}

	void add(List<ReceivedSpan> received) {
		long now = System.nanoTime();
		synchronized (this.monitor) {
			for (ReceivedSpan span : received) {
				this.spans.add(span);
				this.spansByTrace.computeIfAbsent(span.traceId(), (id) -> new ArrayList<>()).add(span);
				this.lastArrivalByTrace.put(span.traceId(), now);
			}
			changed();
		}
	}

	void addLogs(List<ReceivedLogRecord> received) {
		synchronized (this.monitor) {
			this.logRecords.addAll(received);
		}
	}

	List<ReceivedLogRecord> logRecords() {
		synchronized (this.monitor) {
			return List.copyOf(this.logRecords);
		}
	}

	List<ReceivedSpan> spans() {
		synchronized (this.monitor) {
			return List.copyOf(this.spans);
		}
	}

	Set<String> traceIds() {
		synchronized (this.monitor) {
			return Collections.unmodifiableSet(new LinkedHashSet<>(this.spansByTrace.keySet()));
		}
	}

	Trace trace(String traceId) {
		synchronized (this.monitor) {
			return new Trace(traceId, this.spansByTrace.getOrDefault(traceId, List.of()));
		}
	}

	int requestCount() {
		synchronized (this.monitor) {
			return this.requests;
		}
	}

	void clear() {
		synchronized (this.monitor) {
			this.logRecords.clear();
			this.spans.clear();
			this.spansByTrace.clear();
			this.lastArrivalByTrace.clear();
			this.requests = 0;
			changed();
		}
	}

	Trace await(String traceId, Predicate<Trace> complete, Duration timeout, Duration quietPeriod) {
		long quietNanos = quietPeriod.toNanos();
		long deadline = System.nanoTime() + timeout.toNanos();
		// A trace that keeps growing must not hold the caller forever once it is
		// complete.
		long latestReturn = deadline + quietNanos;
		while (true) {
			Trace trace;
			Long lastArrival;
			long seenChanges;
			synchronized (this.monitor) {
				trace = trace(traceId);
				lastArrival = this.lastArrivalByTrace.get(traceId);
				seenChanges = this.changes;
			}
			long now = System.nanoTime();
			long wakeUp;
			if (complete.test(trace)) {
				long quietUntil = (lastArrival != null) ? lastArrival + quietNanos : now;
				if (now - quietUntil >= 0 || now - latestReturn >= 0) {
					return trace;
				}
				wakeUp = (quietUntil - latestReturn < 0) ? quietUntil : latestReturn;
			}
			else {
				if (now - deadline >= 0) {
					throw new AssertionError("Trace " + traceId + " did not complete within " + timeout + " ("
							+ trace.spans().size() + " spans received so far):\n" + trace.waterfall());
				}
				wakeUp = deadline;
			}
			awaitChange(seenChanges, wakeUp);
		}
	}

	private void awaitChange(long seenChanges, long wakeUp) {
		synchronized (this.monitor) {
			long remaining = wakeUp - System.nanoTime();
			while (this.changes == seenChanges && remaining > 0) {
				try {
					TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted while waiting for a trace", ex);
				}
				remaining = wakeUp - System.nanoTime();
			}
		}
	}

	private void changed() {
		this.changes++;
		this.monitor.notifyAll();
	}

}
