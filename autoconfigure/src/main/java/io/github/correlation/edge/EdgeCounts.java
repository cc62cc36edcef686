package io.github.correlation.edge;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * How many inbound requests and records the edge policy decided on, by decision and
 * boundary, and how many baggage entries it dropped: in the Micrometer counters
 * {@value #DECISIONS_METER} and {@value #DROPPED_METER}, and for the correlation report.
 * Each counter is registered once, when it first counts.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class EdgeCounts {

	/**
	 * Counter of trust decisions, tagged {@code decision} and {@code boundary}.
	 */
	public static final String DECISIONS_METER = "correlation.edge.decisions";

	/**
	 * Counter of baggage entries from untrusted senders that were dropped.
	 */
	public static final String DROPPED_METER = "correlation.edge.baggage.dropped";

	private final Supplier<@Nullable MeterRegistry> meterRegistry;

	private final Map<String, Count> counts = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param meterRegistry supplies where to count, or {@code null} to count only for the
	 * report
	 */
	public EdgeCounts(Supplier<@Nullable MeterRegistry> meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Count one decision.
	 * @param decision the decision
	 * @param boundary the boundary it was made at
	 */
	public void decided(String decision, String boundary) {
		count("decisions." + boundary + "." + decision, 1,
				() -> Counter.builder(DECISIONS_METER)
					.description("Trust decisions on inbound requests and records")
					.tag("decision", decision)
					.tag("boundary", boundary));
	}

	/**
	 * Count dropped baggage entries.
	 * @param count how many
	 */
	public void dropped(int count) {
		count("baggage.dropped", count, () -> Counter.builder(DROPPED_METER)
			.description("Baggage entries from untrusted senders that were dropped"));
	}

	/**
	 * The counts so far.
	 * @return counts by name, sorted
	 */
	public Map<String, Long> counts() {
		Map<String, Long> snapshot = new TreeMap<>();
		this.counts.forEach((name, count) -> snapshot.put(name, count.total().sum()));
		return snapshot;
	}

	private void count(String name, int amount, Supplier<Counter.Builder> meter) {
		Count count = this.counts.computeIfAbsent(name, (created) -> {
			MeterRegistry registry = this.meterRegistry.get();
			return new Count(new LongAdder(), (registry != null) ? meter.get().register(registry) : null);
		});
		count.total().add(amount);
		if (count.counter() != null) {
			count.counter().increment(amount);
		}
	}

	/**
	 * One count, and its counter where there is a meter registry.
	 *
	 * @param total the count for the report
	 * @param counter the counter, or {@code null}
	 */
	private record Count(LongAdder total, @Nullable Counter counter) {
	}

}
