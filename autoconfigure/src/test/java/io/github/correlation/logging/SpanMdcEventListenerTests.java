package io.github.correlation.logging;

import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeAttachedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeClosedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeRestoredEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class SpanMdcEventListenerTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final SpanMdcEventListener listener = new SpanMdcEventListener(
			new MdcKeys("trace_id", "span_id", "trace_flags"));

	@BeforeEach
	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void writesIdsAndFlagsWhenASpanBecomesCurrent() {
		this.listener.onEvent(new ScopeAttachedEvent(context("00f067aa0ba902b7", TraceFlags.getSampled())));
		assertThat(MDC.get("trace_id")).as("MDC[%s]", "trace_id").isEqualTo(TRACE_ID);
		assertThat(MDC.get("span_id")).as("MDC[%s]", "span_id").isEqualTo("00f067aa0ba902b7");
		assertThat(MDC.get("trace_flags")).as("MDC[%s]", "trace_flags").isEqualTo("01");
	}

	@Test
	void writesIdsOfUnsampledSpans() {
		this.listener.onEvent(new ScopeAttachedEvent(context("00f067aa0ba902b7", TraceFlags.getDefault())));
		assertThat(MDC.get("trace_id")).isEqualTo(TRACE_ID);
		assertThat(MDC.get("trace_flags")).isEqualTo("00");
	}

	@Test
	void restoresTheParentsIdsWhenAChildScopeCloses() {
		this.listener.onEvent(new ScopeAttachedEvent(context("00f067aa0ba902b7", TraceFlags.getSampled())));
		this.listener.onEvent(new ScopeAttachedEvent(context("1111111111111111", TraceFlags.getSampled())));
		this.listener.onEvent(new ScopeClosedEvent());
		this.listener.onEvent(new ScopeRestoredEvent(context("00f067aa0ba902b7", TraceFlags.getSampled())));
		assertThat(MDC.get("span_id")).isEqualTo("00f067aa0ba902b7");
	}

	@Test
	void leavesNothingWhenTheRestoredContextHasNoSpan() {
		this.listener.onEvent(new ScopeAttachedEvent(context("00f067aa0ba902b7", TraceFlags.getSampled())));
		this.listener.onEvent(new ScopeClosedEvent());
		this.listener.onEvent(new ScopeRestoredEvent(Context.root()));
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void removesStaleIdsWhenAnInvalidSpanBecomesCurrent() {
		this.listener.onEvent(new ScopeAttachedEvent(context("00f067aa0ba902b7", TraceFlags.getSampled())));
		this.listener.onEvent(new ScopeAttachedEvent(Context.root().with(Span.getInvalid())));
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void leavesOtherMdcEntriesAlone() {
		MDC.put("user", "alice");
		this.listener.onEvent(new ScopeAttachedEvent(context("00f067aa0ba902b7", TraceFlags.getSampled())));
		this.listener.onEvent(new ScopeClosedEvent());
		assertThat(MDC.getCopyOfContextMap()).containsExactly(java.util.Map.entry("user", "alice"));
	}

	private static Context context(String spanId, TraceFlags flags) {
		return Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, spanId, flags, TraceState.getDefault())));
	}

}
