package io.github.correlation.edge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.correlation.w3c.W3cConformingPropagator;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge policy through the starter's propagator, on OpenTelemetry's W3C propagators.
 */
class EdgePolicyTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

	private final AtomicInteger dropped = new AtomicInteger();

	private final Map<String, Object> decisions = new HashMap<>();

	@Test
	void anUntrustedRestartSeesNoTraceContextAndOnlyAllowedBaggage() {
		Context context = extract(UntrustedTrace.RESTART_WITH_LINK, false);
		assertThat(Span.fromContext(context).getSpanContext().isValid()).isFalse();
		Baggage baggage = Baggage.fromContext(context);
		assertThat(baggage.getEntryValue("tenant_id")).isEqualTo("acme");
		assertThat(baggage.getEntryValue("user_id")).isNull();
		assertThat(baggage.getEntryValue("role")).isNull();
		assertThat(this.dropped).hasValue(2);
		assertThat(this.decisions).containsKey("restart-with-link");
	}

	@Test
	void theExtractedContextCarriesTheDecisionAndWhatTheSenderBrought() {
		Context context = extract(UntrustedTrace.RESTART_WITH_LINK, false);
		assertThat(Span.fromContext(context)).isInstanceOfSatisfying(UntrustedSender.class, (sender) -> {
			assertThat(sender.decision()).isEqualTo(UntrustedTrace.RESTART_WITH_LINK);
			assertThat(sender.senderContext()).isNotNull();
			assertThat(sender.senderContext().getTraceId()).isEqualTo(TRACE_ID);
			assertThat(sender.senderContext().getSpanId()).isEqualTo("00f067aa0ba902b7");
		});
	}

	@Test
	void aTrustedSendersContextIsTheDelegatesOwn() {
		Context context = propagator(UntrustedTrace.RESTART, false, InboundTrust.Trust.TRUSTED).extract(Context.root(),
				headers(), GETTER);
		assertThat(Span.fromContext(context)).isNotInstanceOf(UntrustedSender.class);
	}

	@Test
	void remoteFieldHeadersOfAnUntrustedSenderAreDroppedAndCounted() {
		EdgePolicy policy = new EdgePolicy(UntrustedTrace.RESTART, List.of("tenant_id"),
				List.of("user_id", "tenant_id"), List.of("X-Request-Id"), (traceId) -> true, this.dropped::addAndGet);
		TextMapGetter<Map<String, String>> untrusted = policy.untrusted(GETTER);
		assertThat(untrusted.get(headers(), "user_id")).isNull();
		assertThat(untrusted.get(headers(), "X-Request-Id")).isNull();
		assertThat(untrusted.get(headers(), "tenant_id")).isNull();
		assertThat(this.dropped).hasValue(1);
	}

	@Test
	void anUntrustedContinueKeepsTheIdsButTheLocalSamplerDecidesAndNoTraceState() {
		SpanContext sampledLocally = Span.fromContext(extract(UntrustedTrace.CONTINUE, true)).getSpanContext();
		assertThat(sampledLocally.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(sampledLocally.isSampled()).isTrue();
		assertThat(sampledLocally.getTraceState().isEmpty()).isTrue();
		SpanContext droppedLocally = Span.fromContext(extract(UntrustedTrace.CONTINUE, false)).getSpanContext();
		assertThat(droppedLocally.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(droppedLocally.isSampled()).isFalse();
	}

	@Test
	void aTrustedSenderIsReadAsBefore() {
		TextMapPropagator propagator = propagator(UntrustedTrace.RESTART, false, InboundTrust.Trust.TRUSTED);
		Context context = propagator.extract(Context.root(), headers(), GETTER);
		assertThat(Span.fromContext(context).getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
		assertThat(Span.fromContext(context).getSpanContext().getTraceState().get("vendor")).isEqualTo("value");
		assertThat(Baggage.fromContext(context).getEntryValue("user_id")).isEqualTo("admin");
		assertThat(this.decisions).containsKey("trusted");
	}

	private Context extract(UntrustedTrace decision, boolean sampledLocally) {
		return propagator(decision, sampledLocally, InboundTrust.Trust.UNTRUSTED).extract(Context.root(), headers(),
				GETTER);
	}

	private TextMapPropagator propagator(UntrustedTrace decision, boolean sampledLocally, InboundTrust.Trust trust) {
		EdgePolicy policy = new EdgePolicy(decision, List.of("tenant_id"), List.of("user_id"), List.of("X-Request-Id"),
				(traceId) -> sampledLocally, this.dropped::addAndGet);
		EdgeDecisions decisions = new EdgeDecisions(() -> List.of((carrier) -> trust), policy, this.decisions::put);
		return new W3cConformingPropagator(
				new EdgePropagator(
						TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
								W3CBaggagePropagator.getInstance()),
						() -> decisions,
						() -> new ExternalPropagation(List.of(), ExternalPropagation.Mode.ALL, (carrier) -> null)),
				List::of);
	}

	private static Map<String, String> headers() {
		return Map.of("traceparent", TRACEPARENT, "tracestate", "vendor=value", "baggage",
				"tenant_id=acme,user_id=admin;p=1,role=root", "user_id", "admin", "X-Request-Id", "lb-1");
	}

	private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
			return (carrier != null) ? carrier.get(key) : null;
		}

	};

}
