package io.github.correlation.testkit;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TraceTests {

	private final ReceivedSpan root = Spans.span("a", "", "gateway", "GET /orders", 0, 100);

	private final ReceivedSpan late = Spans.span("c", "a", "orders", "GET /orders/{id}", 60, 90);

	private final ReceivedSpan early = Spans.span("b", "a", "inventory", "GET /stock", 10, 40);

	private final ReceivedSpan grandchild = Spans.span("d", "c", "orders", "SELECT", 70, 80);

	private final ReceivedSpan orphan = Spans.span("e", "f", "billing", "charge", 20, 30);

	private final Trace trace = Spans.trace(this.late, this.grandchild, this.orphan, this.root, this.early);

	@Test
	void sortsSpansByStartTime() {
		assertThat(this.trace.spans()).containsExactly(this.root, this.early, this.orphan, this.late, this.grandchild);
	}

	@Test
	void rootsAreTheSpansWithoutParent() {
		assertThat(this.trace.roots()).containsExactly(this.root);
	}

	@Test
	void orphansAreTheSpansWhoseParentIsMissing() {
		assertThat(this.trace.orphans()).containsExactly(this.orphan);
	}

	@Test
	void childrenAreSortedByStartTime() {
		assertThat(this.trace.children(this.root)).containsExactly(this.early, this.late);
		assertThat(this.trace.children(this.late)).containsExactly(this.grandchild);
		assertThat(this.trace.children(this.grandchild)).isEmpty();
	}

	@Test
	void parentIsFoundOnlyWhenItIsPartOfTheTrace() {
		assertThat(this.trace.parent(this.grandchild)).contains(this.late);
		assertThat(this.trace.parent(this.root)).isEmpty();
		assertThat(this.trace.parent(this.orphan)).isEmpty();
	}

	@Test
	void servicesAreSortedAndDistinct() {
		assertThat(this.trace.services()).containsExactly("billing", "gateway", "inventory", "orders");
	}

	@Test
	void spansAreFoundByNameServiceOrCondition() {
		assertThat(this.trace.spansNamed("SELECT")).containsExactly(this.grandchild);
		assertThat(this.trace.spansOf("orders")).containsExactly(this.late, this.grandchild);
		assertThat(this.trace.find((span) -> span.name().startsWith("GET /o"))).contains(this.root);
		assertThat(this.trace.find((span) -> span.name().equals("missing"))).isEmpty();
	}

	@Test
	void coversTheEarliestStartToTheLatestEnd() {
		assertThat(this.trace.endEpochNanos() - this.trace.startEpochNanos()).isEqualTo(100_000_000L);
		assertThat(this.trace.duration()).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void anEmptyTraceHasNothing() {
		Trace empty = new Trace(Spans.TRACE_ID, List.of());
		assertThat(empty.isEmpty()).isTrue();
		assertThat(empty.roots()).isEmpty();
		assertThat(empty.services()).isEmpty();
		assertThat(empty.duration()).isZero();
		assertThat(empty.waterfall()).startsWith("trace " + Spans.TRACE_ID + "  0.0 ms  0 spans");
	}

	@Test
	void refusesSpansOfAnotherTrace() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Trace("ffffffffffffffffffffffffffffffff", List.of(this.root)))
			.withMessageContaining(Spans.TRACE_ID);
	}

	@Test
	void showsItsWaterfallInAssertionMessages() {
		assertThat(this.trace).hasToString(this.trace.waterfall());
	}

}
