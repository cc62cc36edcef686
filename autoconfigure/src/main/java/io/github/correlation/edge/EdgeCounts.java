package io.github.correlation.edge;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many inbound requests and records the edge policy decided on, by decision and
 * boundary, and how many baggage entries it dropped, for the correlation report.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class EdgeCounts {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	/**
	 * Count one decision.
	 * @param decision the decision
	 * @param boundary the boundary it was made at
	 */
	public void decided(String decision, String boundary) {
		add("decisions." + boundary + "." + decision, 1);
	}

	/**
	 * Count dropped baggage entries.
	 * @param count how many
	 */
	public void dropped(int count) {
		add("baggage.dropped", count);
	}

	/**
	 * The counts so far.
	 * @return counts by name, sorted
	 */
	public Map<String, Long> counts() {
		Map<String, Long> snapshot = new TreeMap<>();
		this.counts.forEach((name, adder) -> snapshot.put(name, adder.sum()));
		return snapshot;
	}

	private void add(String name, int count) {
		this.counts.computeIfAbsent(name, (created) -> new LongAdder()).add(count);
	}

}
