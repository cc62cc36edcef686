package io.github.correlation.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on the structure of a {@link Trace}. Every failure message ends with
 * the waterfall of the trace, so that a failed test shows its shape.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see CorrelationAssertions#assertThat(Trace)
 */
public final class TraceAssert extends AbstractAssert<TraceAssert, Trace> {

	/**
	 * Create assertions on a trace; usually reached through
	 * {@link CorrelationAssertions#assertThat(Trace)}.
	 * @param actual the trace to check
	 */
	public TraceAssert(@Nullable Trace actual) {
		super(actual, TraceAssert.class);
	}

	/**
	 * Verify that the trace has exactly one root span, that is one span without a parent.
	 * @return this assertion
	 */
	public TraceAssert hasSingleRoot() {
		List<ReceivedSpan> roots = trace().roots();
		if (roots.size() != 1) {
			fail("Expected a single root span but found " + roots.size() + describe(roots));
		}
		return this;
	}

	/**
	 * Verify that the parent of every span that has one is part of the trace.
	 * @return this assertion
	 */
	public TraceAssert hasNoOrphans() {
		List<ReceivedSpan> orphans = trace().orphans();
		if (!orphans.isEmpty()) {
			String list = orphans.stream()
				.map((span) -> "\n  " + span.serviceName() + "  " + span.name() + "  (missing parent "
						+ span.parentSpanId() + ")")
				.collect(Collectors.joining());
			fail("Expected no orphan spans but found " + orphans.size() + ":" + list);
		}
		return this;
	}

	/**
	 * Verify that the trace has spans of each of the given services, and possibly of
	 * others.
	 * @param services the service names
	 * @return this assertion
	 */
	public TraceAssert spansServices(String... services) {
		SortedSet<String> missing = new TreeSet<>(Arrays.asList(services));
		missing.removeAll(trace().services());
		if (!missing.isEmpty()) {
			fail("Expected spans of services " + Arrays.toString(services) + " but found no spans of " + missing
					+ "; the trace spans " + trace().services());
		}
		return this;
	}

	/**
	 * Verify that the trace has spans of exactly the given services, in any order.
	 * @param services the service names
	 * @return this assertion
	 */
	public TraceAssert spansExactlyServices(String... services) {
		Set<String> expected = new TreeSet<>(Arrays.asList(services));
		if (!expected.equals(trace().services())) {
			fail("Expected spans of exactly services " + expected + " but found " + trace().services());
		}
		return this;
	}

	/**
	 * Verify that the trace has at least one span with the given name.
	 * @param name the span name
	 * @return this assertion
	 */
	public TraceAssert hasSpanNamed(String name) {
		if (trace().spansNamed(name).isEmpty()) {
			fail("Expected a span named \"" + name + "\" but found none");
		}
		return this;
	}

	/**
	 * Verify that a span with the given name has its parent in the trace, and that the
	 * parent was reported by the given service, which is not the span's own: the context
	 * crossed from one service to the other. If several spans have the name, one of them
	 * must match.
	 * @param spanName the name of the child span
	 * @param parentService the service of the parent span
	 * @return this assertion
	 */
	public TraceAssert hasSpanWithParentInAnotherService(String spanName, String parentService) {
		List<ReceivedSpan> candidates = trace().spansNamed(spanName);
		if (candidates.isEmpty()) {
			fail("Expected a span named \"" + spanName + "\" with a parent in " + parentService + " but found none");
		}
		if (candidates.stream().noneMatch((span) -> hasParentIn(span, parentService))) {
			String reasons = candidates.stream()
				.map((span) -> "\n  " + span.serviceName() + "  " + span.name() + ": " + parentOf(span))
				.collect(Collectors.joining());
			fail("Expected the span named \"" + spanName + "\" to have a parent in another service, " + parentService
					+ ", but:" + reasons);
		}
		return this;
	}

	private boolean hasParentIn(ReceivedSpan span, String parentService) {
		Optional<ReceivedSpan> parent = trace().parent(span);
		return parent.isPresent() && parent.get().serviceName().equals(parentService)
				&& !span.serviceName().equals(parentService);
	}

	private String parentOf(ReceivedSpan span) {
		if (span.isRoot()) {
			return "it is a root span";
		}
		return trace().parent(span)
			.map((parent) -> "its parent \"" + parent.name() + "\" belongs to " + parent.serviceName())
			.orElse("its parent " + span.parentSpanId() + " is missing from the trace");
	}

	private static String describe(List<ReceivedSpan> spans) {
		return spans.isEmpty() ? ""
				: ":" + spans.stream()
					.map((span) -> "\n  " + span.serviceName() + "  " + span.name() + "  (" + span.spanId() + ")")
					.collect(Collectors.joining());
	}

	private Trace trace() {
		isNotNull();
		return this.actual;
	}

	private void fail(String message) {
		failWithMessage("%s", message + "\n" + this.actual.waterfall());
	}

}
