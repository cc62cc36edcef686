package io.github.correlation.logging;

import java.util.List;

import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeAttachedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeClosedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeRestoredEvent;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class BaggageMdcEventListenerTests {

	private final BaggageMdcEventListener listener = new BaggageMdcEventListener(List.of("request_id", "tenant_id"));

	@BeforeEach
	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void writesNamedBaggageOnly() {
		this.listener.onEvent(new ScopeAttachedEvent(baggage("request_id", "r1", "tenant_id", "acme", "secret", "x")));
		assertThat(MDC.getCopyOfContextMap()).containsOnly(java.util.Map.entry("request_id", "r1"),
				java.util.Map.entry("tenant_id", "acme"));
	}

	@Test
	void neverWritesValuesThatCouldForgeLogLines() {
		this.listener.onEvent(new ScopeAttachedEvent(baggage("request_id", "r1\nfake line", "tenant_id",
				"t".repeat(BaggageMdcEventListener.MAX_VALUE_LENGTH + 1))));
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void removesEntriesThatTheRestoredContextLacks() {
		this.listener.onEvent(new ScopeAttachedEvent(baggage("request_id", "r1", "tenant_id", "acme")));
		this.listener.onEvent(new ScopeClosedEvent());
		this.listener.onEvent(new ScopeRestoredEvent(baggage("request_id", "r0")));
		assertThat(MDC.getCopyOfContextMap()).containsOnly(java.util.Map.entry("request_id", "r0"));
		this.listener.onEvent(new ScopeClosedEvent());
		this.listener.onEvent(new ScopeRestoredEvent(Context.root()));
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	private static Context baggage(String... entries) {
		var builder = Baggage.builder();
		for (int i = 0; i < entries.length; i += 2) {
			builder.put(entries[i], entries[i + 1]);
		}
		return Context.root().with(builder.build());
	}

}
