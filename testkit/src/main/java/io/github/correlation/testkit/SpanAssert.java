package io.github.correlation.testkit;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on one span a receiver got: its events, such as the {@code log} and
 * {@code exception} events the starter records for WARN and ERROR lines. Failure messages
 * list the span's events.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see CorrelationAssertions#assertThat(ReceivedSpan)
 */
public final class SpanAssert extends AbstractAssert<SpanAssert, ReceivedSpan> {

	/**
	 * Create assertions on a span; usually reached through
	 * {@link CorrelationAssertions#assertThat(ReceivedSpan)}.
	 * @param actual the span to check
	 */
	public SpanAssert(@Nullable ReceivedSpan actual) {
		super(actual, SpanAssert.class);
	}

	/**
	 * Verify that the span has an event of the given name.
	 * @param name the event name, such as {@code log} or {@code exception}
	 * @return this assertion
	 */
	public SpanAssert hasEvent(String name) {
		return hasEvent(name, Map.of());
	}

	/**
	 * Verify that the span has an event of the given name with the given attributes, and
	 * possibly others.
	 * @param name the event name
	 * @param attributes the attributes the event must have, values rendered as strings
	 * @return this assertion
	 */
	public SpanAssert hasEvent(String name, Map<String, String> attributes) {
		boolean found = span().events(name)
			.stream()
			.anyMatch((event) -> event.attributes().entrySet().containsAll(attributes.entrySet()));
		if (!found) {
			fail("an event " + name + (attributes.isEmpty() ? "" : " with " + attributes));
		}
		return this;
	}

	/**
	 * Verify that the span has no event of the given name.
	 * @param name the event name
	 * @return this assertion
	 */
	public SpanAssert hasNoEvent(String name) {
		if (!span().events(name).isEmpty()) {
			fail("no event " + name);
		}
		return this;
	}

	/**
	 * Verify that the span has no events at all.
	 * @return this assertion
	 */
	public SpanAssert hasNoEvents() {
		if (!span().events().isEmpty()) {
			fail("no events");
		}
		return this;
	}

	private ReceivedSpan span() {
		isNotNull();
		return this.actual;
	}

	private void fail(String expectation) {
		List<ReceivedSpan.Event> events = this.actual.events();
		String list = events.isEmpty() ? " none"
				: events.stream()
					.map((event) -> "\n  " + event.name() + " " + event.attributes())
					.collect(Collectors.joining());
		failWithMessage("%s", "Expected span \"" + this.actual.name() + "\" of " + this.actual.serviceName()
				+ " to have " + expectation + " but its events are:" + list);
	}

}
