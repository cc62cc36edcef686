package io.github.correlation.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Immutable snapshot of the spans of one trace, as received so far, with the lookups
 * needed to assert its structure. Spans arriving later are not reflected: take a new
 * snapshot from {@link OtlpReceiver#trace(String)}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class Trace {

	private static final Comparator<ReceivedSpan> BY_START = Comparator.comparingLong(ReceivedSpan::startEpochNanos);

	private final String traceId;

	private final List<ReceivedSpan> spans;

	private final Map<String, ReceivedSpan> spansById = new HashMap<>();

	/**
	 * Create a snapshot of the given spans.
	 * @param traceId the trace id, 32 lowercase hex characters
	 * @param spans the spans, all of the given trace, in any order
	 * @throws IllegalArgumentException if a span belongs to another trace
	 */
	public Trace(String traceId, Collection<ReceivedSpan> spans) {
		this.traceId = Objects.requireNonNull(traceId, "traceId");
		List<ReceivedSpan> sorted = new ArrayList<>(spans);
		for (ReceivedSpan span : sorted) {
			if (!traceId.equals(span.traceId())) {
				throw new IllegalArgumentException(
						"Span " + span.spanId() + " belongs to trace " + span.traceId() + ", not " + traceId);
			}
			// An exporter retry can deliver a span twice; the first copy stands for both.
			this.spansById.putIfAbsent(span.spanId(), span);
		}
		// A stable sort keeps arrival order among spans that start in the same
		// nanosecond.
		sorted.sort(BY_START);
		this.spans = List.copyOf(sorted);
	}

	/**
	 * The id of this trace.
	 * @return the trace id, 32 lowercase hex characters
	 */
	public String traceId() {
		return this.traceId;
	}

	/**
	 * All spans of this trace.
	 * @return the spans, sorted by start time
	 */
	public List<ReceivedSpan> spans() {
		return this.spans;
	}

	/**
	 * Whether no span of this trace has been received.
	 * @return {@code true} if the trace has no spans
	 */
	public boolean isEmpty() {
		return this.spans.isEmpty();
	}

	/**
	 * The spans without a parent. A complete trace has exactly one.
	 * @return the root spans, sorted by start time
	 */
	public List<ReceivedSpan> roots() {
		return filter(ReceivedSpan::isRoot);
	}

	/**
	 * The spans whose parent is not part of this trace: either the parent has not arrived
	 * yet, or the context was lost somewhere between the two.
	 * @return the orphan spans, sorted by start time
	 */
	public List<ReceivedSpan> orphans() {
		return filter((span) -> !span.isRoot() && !this.spansById.containsKey(span.parentSpanId()));
	}

	/**
	 * The direct children of a span.
	 * @param span the parent span
	 * @return the spans whose parent is the given span, sorted by start time
	 */
	public List<ReceivedSpan> children(ReceivedSpan span) {
		return filter((candidate) -> candidate.parentSpanId().equals(span.spanId()) && candidate != span);
	}

	/**
	 * The parent of a span, if it is part of this trace.
	 * @param span the child span
	 * @return the parent span, or empty for a root or an orphan
	 */
	public Optional<ReceivedSpan> parent(ReceivedSpan span) {
		return span.isRoot() ? Optional.empty() : Optional.ofNullable(this.spansById.get(span.parentSpanId()));
	}

	/**
	 * The first span, by start time, that matches a condition.
	 * @param condition the condition to match
	 * @return the first matching span, or empty
	 */
	public Optional<ReceivedSpan> find(Predicate<ReceivedSpan> condition) {
		return this.spans.stream().filter(condition).findFirst();
	}

	/**
	 * The spans with a given name.
	 * @param name the span name
	 * @return the spans with exactly that name, sorted by start time
	 */
	public List<ReceivedSpan> spansNamed(String name) {
		return filter((span) -> span.name().equals(name));
	}

	/**
	 * The spans reported by a given service.
	 * @param serviceName the service name
	 * @return the spans of that service, sorted by start time
	 */
	public List<ReceivedSpan> spansOf(String serviceName) {
		return filter((span) -> span.serviceName().equals(serviceName));
	}

	/**
	 * The services that reported spans of this trace.
	 * @return the service names, sorted alphabetically
	 */
	public SortedSet<String> services() {
		TreeSet<String> services = new TreeSet<>();
		this.spans.forEach((span) -> services.add(span.serviceName()));
		return Collections.unmodifiableSortedSet(services);
	}

	/**
	 * The start of the earliest span.
	 * @return the start time in nanoseconds since the epoch, or {@code 0} if empty
	 */
	public long startEpochNanos() {
		return this.spans.stream().mapToLong(ReceivedSpan::startEpochNanos).min().orElse(0);
	}

	/**
	 * The end of the latest span.
	 * @return the end time in nanoseconds since the epoch, or {@code 0} if empty
	 */
	public long endEpochNanos() {
		return this.spans.stream().mapToLong(ReceivedSpan::endEpochNanos).max().orElse(0);
	}

	/**
	 * The time from the start of the earliest span to the end of the latest.
	 * @return the duration of the trace
	 */
	public Duration duration() {
		return Duration.ofNanos(Math.max(0, endEpochNanos() - startEpochNanos()));
	}

	/**
	 * Render this trace as a text waterfall with the default widths.
	 * @return the waterfall
	 * @see WaterfallRenderer#render(Trace)
	 */
	public String waterfall() {
		return WaterfallRenderer.render(this);
	}

	/**
	 * The waterfall, so that assertion failures on a trace show its shape.
	 * @return the waterfall
	 */
	@Override
	public String toString() {
		return waterfall();
	}

	private List<ReceivedSpan> filter(Predicate<ReceivedSpan> condition) {
		return this.spans.stream().filter(condition).toList();
	}

}
