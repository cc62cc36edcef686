package io.github.correlation.testkit;

import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TraceAssertTests {

	private final Trace trace = Spans.trace(Spans.span("a", "", "gateway", "GET /orders", 0, 100),
			Spans.span("b", "a", "gateway", "http get", 10, 90),
			Spans.span("c", "b", "orders", "GET /orders/{id}", 20, 80),
			Spans.span("d", "c", "orders", "SELECT orders", 30, 40));

	private final Trace broken = Spans.trace(Spans.span("a", "", "gateway", "GET /orders", 0, 100),
			Spans.span("c", "ff", "orders", "GET /orders/{id}", 20, 80),
			Spans.span("e", "", "payments", "charge", 50, 60));

	@Test
	void passesForAWellFormedTrace() {
		CorrelationAssertions.assertThat(this.trace)
			.hasSingleRoot()
			.hasNoOrphans()
			.spansServices("orders")
			.spansServices("gateway", "orders")
			.spansExactlyServices("orders", "gateway")
			.hasSpanNamed("SELECT orders")
			.hasSpanWithParentInAnotherService("GET /orders/{id}", "gateway");
	}

	@Test
	void listsTheRootsOfATraceWithSeveral() {
		assertFails(() -> CorrelationAssertions.assertThat(this.broken).hasSingleRoot(), this.broken).contains(
				"Expected a single root span but found 2:", "gateway  GET /orders  (000000000000000a)",
				"payments  charge  (000000000000000e)");
	}

	@Test
	void listsTheOrphansWithTheirMissingParent() {
		assertFails(() -> CorrelationAssertions.assertThat(this.broken).hasNoOrphans(), this.broken).contains(
				"Expected no orphan spans but found 1:", "orders  GET /orders/{id}  (missing parent 00000000000000ff)");
	}

	@Test
	void namesTheMissingServices() {
		assertFails(() -> CorrelationAssertions.assertThat(this.trace).spansServices("orders", "payments", "billing"),
				this.trace)
			.contains("found no spans of [billing, payments]", "the trace spans [gateway, orders]");
		assertFails(() -> CorrelationAssertions.assertThat(this.trace).spansExactlyServices("orders"), this.trace)
			.contains("Expected spans of exactly services [orders] but found [gateway, orders]");
	}

	@Test
	void namesAMissingSpan() {
		assertFails(() -> CorrelationAssertions.assertThat(this.trace).hasSpanNamed("charge"), this.trace)
			.contains("Expected a span named \"charge\" but found none");
		assertFails(() -> CorrelationAssertions.assertThat(this.trace)
			.hasSpanWithParentInAnotherService("charge", "orders"), this.trace)
			.contains("Expected a span named \"charge\" with a parent in orders but found none");
	}

	@Test
	void explainsWhyTheParentIsNotInTheOtherService() {
		assertFails(() -> CorrelationAssertions.assertThat(this.trace)
			.hasSpanWithParentInAnotherService("SELECT orders", "orders"), this.trace)
			.contains("orders  SELECT orders: its parent \"GET /orders/{id}\" belongs to orders");
		assertFails(() -> CorrelationAssertions.assertThat(this.trace)
			.hasSpanWithParentInAnotherService("http get", "orders"), this.trace)
			.contains("gateway  http get: its parent \"GET /orders\" belongs to gateway");
		assertFails(() -> CorrelationAssertions.assertThat(this.broken)
			.hasSpanWithParentInAnotherService("GET /orders/{id}", "gateway"), this.broken)
			.contains("its parent 00000000000000ff is missing from the trace");
		assertFails(() -> CorrelationAssertions.assertThat(this.broken)
			.hasSpanWithParentInAnotherService("charge", "gateway"), this.broken)
			.contains("payments  charge: it is a root span");
	}

	@Test
	void acceptsAnyOfSeveralSpansWithTheName() {
		Trace retried = Spans.trace(Spans.span("a", "", "gateway", "GET /orders", 0, 100),
				Spans.span("b", "a", "gateway", "call", 10, 20), Spans.span("c", "a", "orders", "call", 30, 40));
		CorrelationAssertions.assertThat(retried).hasSpanWithParentInAnotherService("call", "gateway");
	}

	@Test
	void failsForANullTrace() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> CorrelationAssertions.assertThat((Trace) null).hasSingleRoot())
			.withMessageContaining("Expecting actual not to be null");
	}

	private static AbstractStringAssert<?> assertFails(ThrowingCallable assertion, Trace trace) {
		AssertionError error = catchThrowableOfType(AssertionError.class, assertion);
		assertThat(error).as("assertion error").isNotNull();
		return assertThat(error.getMessage()).endsWith("\n" + trace.waterfall());
	}

}
