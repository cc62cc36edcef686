package io.github.correlation.kafka.internal;

import java.util.ArrayList;
import java.util.List;

import io.github.correlation.audit.ContextAudit;
import io.github.correlation.requestid.RequestIdPropagator;
import io.github.correlation.w3c.BaggageHeader;
import io.github.correlation.w3c.TraceParentHeader;
import io.github.correlation.w3c.TraceStateHeader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Finds the trace headers of a consumed record that break the W3C or request id rules,
 * and counts them per topic in {@value #METER}, tagged with the header and the problem.
 * The record is still processed, once: the propagator ignores what is malformed, so the
 * record gets a fresh trace or keeps the valid part.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class TraceHeaderProblems {

	/**
	 * Name of the counter.
	 */
	public static final String METER = "correlation.kafka.malformed.headers";

	private final @Nullable MeterRegistry registry;

	private final @Nullable RequestIdPropagator requestIds;

	private final @Nullable ContextAudit audit;

	private final boolean reportMissing;

	/**
	 * Create a new instance.
	 * @param registry where to count, or {@code null} to only detect
	 * @param requestIds the request id propagator whose headers and policy are checked,
	 * or {@code null} to check no request id
	 */
	public TraceHeaderProblems(@Nullable MeterRegistry registry, @Nullable RequestIdPropagator requestIds) {
		this(registry, requestIds, null, false);
	}

	/**
	 * Create a new instance that also records, per topic, the records that arrive without
	 * trace headers.
	 * @param registry where to count, or {@code null} to only detect
	 * @param requestIds the request id propagator whose headers and policy are checked,
	 * or {@code null} to check no request id
	 * @param audit where records without trace headers are recorded, or {@code null}
	 * @param reportMissing whether each such topic is also reported in a WARN line, as
	 * for a service that nothing outside feeds
	 */
	public TraceHeaderProblems(@Nullable MeterRegistry registry, @Nullable RequestIdPropagator requestIds,
			@Nullable ContextAudit audit, boolean reportMissing) {
		this.registry = registry;
		this.requestIds = requestIds;
		this.audit = audit;
		this.reportMissing = reportMissing;
	}

	/**
	 * Count the problems of the given record.
	 * @param record the record
	 * @return the problems found, as {@code header:problem}
	 */
	public List<String> count(ConsumerRecord<?, ?> record) {
		List<String> traceParents = values(record.headers(), TraceParentHeader.NAME);
		if (this.audit != null && traceParents.isEmpty()) {
			this.audit.contextMissing("kafka.consumer", "topic", record.topic(),
					this.reportMissing ? "hop without context: kafka.consumer record from topic '" + record.topic()
							+ "' arrived without trace headers - its producer does not propagate: send it with an "
							+ "observed KafkaTemplate (spring.kafka.template.observation-enabled=true)" : null);
		}
		List<String> problems = find(record.headers(), traceParents);
		if (this.registry != null) {
			for (String problem : problems) {
				int colon = problem.indexOf(':');
				Counter.builder(METER)
					.description("Kafka records consumed with malformed trace headers")
					.tag("topic", record.topic())
					.tag("header", problem.substring(0, colon))
					.tag("problem", problem.substring(colon + 1))
					.register(this.registry)
					.increment();
			}
		}
		return problems;
	}

	/**
	 * Find the problems of the given headers.
	 * @param headers the headers
	 * @return the problems, as {@code header:problem}
	 */
	public List<String> find(Headers headers) {
		return find(headers, values(headers, TraceParentHeader.NAME));
	}

	private List<String> find(Headers headers, List<String> traceParents) {
		List<String> problems = new ArrayList<>();
		if (traceParents.size() > 1) {
			problems.add(TraceParentHeader.NAME + ":duplicate");
		}
		else if (traceParents.size() == 1 && TraceParentHeader.normalize(traceParents.get(0)) == null) {
			problems.add(TraceParentHeader.NAME + ":" + invalidOrEncoding(traceParents));
		}
		List<String> traceStates = values(headers, TraceStateHeader.NAME);
		if (!traceStates.isEmpty() && TraceStateHeader.normalize(traceStates.iterator()) == null) {
			problems.add(TraceStateHeader.NAME + ":" + invalidOrEncoding(traceStates));
		}
		List<String> baggage = values(headers, BaggageHeader.NAME);
		if (baggage.contains(KafkaHeadersGetter.MALFORMED)) {
			problems.add(BaggageHeader.NAME + ":encoding");
		}
		else if (!BaggageHeader.isWithinLimits(baggage.iterator())) {
			problems.add(BaggageHeader.NAME + ":oversized");
		}
		else if (!BaggageHeader.isValid(baggage.iterator())) {
			problems.add(BaggageHeader.NAME + ":invalid");
		}
		if (this.requestIds != null) {
			for (String name : this.requestIds.fields()) {
				List<String> requestIds = values(headers, name);
				if (!requestIds.isEmpty()
						&& !this.requestIds.getPolicy().isValid(requestIds.get(requestIds.size() - 1))) {
					problems.add(name + ":" + invalidOrEncoding(requestIds));
				}
			}
		}
		return problems;
	}

	private static String invalidOrEncoding(List<String> values) {
		return values.contains(KafkaHeadersGetter.MALFORMED) ? "encoding" : "invalid";
	}

	private static List<String> values(Headers headers, String name) {
		return KafkaHeadersGetter.values(headers, name);
	}

}
