package io.github.correlation.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.github.correlation.testkit.ReceivedSpan;
import io.github.correlation.testkit.Trace;

/**
 * The same kinds of hop of one checkout in the two vocabularies: orders runs with
 * {@code correlation.conventions=opentelemetry}, gateway and payments with Boot's
 * default. Each line is one span: service, kind, name and its attributes.
 *
 * @param spans the spans compared, Micrometer's before OpenTelemetry's for each kind of
 * hop
 * @param missing the hops not found in the trace
 * @author Correlation contributors
 * @since 0.1.0
 */
public record Vocabularies(List<ReceivedSpan> spans, List<String> missing) {

	/**
	 * The service that runs with the OpenTelemetry conventions.
	 */
	public static final String OPENTELEMETRY_SERVICE = "orders";

	private static final int NAME_WIDTH = 24;

	/**
	 * Find the compared spans in a checkout's trace: the gateway's and orders' server
	 * spans, payments' and orders' Kafka sends, and the insert of the order.
	 * @param trace the trace of a successful checkout
	 * @return the spans found
	 */
	public static Vocabularies of(Trace trace) {
		List<ReceivedSpan> spans = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		add(trace, "gateway SERVER", (span) -> span.serviceName().equals("gateway") && span.kind().equals("SERVER"),
				spans, missing);
		add(trace, "orders SERVER",
				(span) -> span.serviceName().equals(OPENTELEMETRY_SERVICE) && span.kind().equals("SERVER"), spans,
				missing);
		add(trace, "payments PRODUCER",
				(span) -> span.serviceName().equals("payments") && span.kind().equals("PRODUCER"), spans, missing);
		add(trace, "orders PRODUCER",
				(span) -> span.serviceName().equals(OPENTELEMETRY_SERVICE) && span.kind().equals("PRODUCER"), spans,
				missing);
		add(trace, "orders insert",
				(span) -> span.serviceName().equals(OPENTELEMETRY_SERVICE)
						&& span.attributes().getOrDefault("db.query.summary", "").startsWith("insert "),
				spans, missing);
		return new Vocabularies(List.copyOf(spans), List.copyOf(missing));
	}

	private static void add(Trace trace, String hop, Predicate<ReceivedSpan> condition, List<ReceivedSpan> spans,
			List<String> missing) {
		Optional<ReceivedSpan> span = trace.find(condition);
		span.ifPresentOrElse(spans::add, () -> missing.add(hop));
	}

	/**
	 * Whether every compared span was found.
	 * @return {@code true} when nothing is missing
	 */
	public boolean isComplete() {
		return this.missing.isEmpty();
	}

	/**
	 * Render the comparison.
	 * @return a heading, then one line per span
	 */
	public List<String> lines() {
		List<String> lines = new ArrayList<>();
		lines.add("Two vocabularies in this trace (" + OPENTELEMETRY_SERVICE
				+ ": correlation.conventions=opentelemetry; gateway, payments: Boot's default):");
		for (ReceivedSpan span : this.spans) {
			StringBuilder line = new StringBuilder(
					String.format("  %-8s %-8s %-" + NAME_WIDTH + "s", span.serviceName(), span.kind(), span.name()));
			new TreeMap<>(span.attributes())
				.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
			lines.add(line.toString());
		}
		this.missing.forEach((hop) -> lines.add("  missing: " + hop));
		return lines;
	}

	@Override
	public String toString() {
		return String.join("\n", lines());
	}

}
