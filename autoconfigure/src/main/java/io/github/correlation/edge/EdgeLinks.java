package io.github.correlation.edge;

import io.github.correlation.internal.FrameworkFields;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * Marks the span of an untrusted request or record with the decision taken
 * ({@code correlation.edge.decision}) and, for {@link UntrustedTrace#RESTART_WITH_LINK},
 * links it to the sender's context, which Jaeger shows as a reference. Runs after the
 * tracing handler has started the span.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class EdgeLinks implements ObservationHandler<ReceiverContext<?>> {

	/**
	 * The span attribute that names the decision.
	 */
	public static final String DECISION_ATTRIBUTE = "correlation.edge.decision";

	private static final String SPAN_FROM_SPAN_CONTEXT = "io.micrometer.tracing.otel.bridge.SpanFromSpanContext";

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ReceiverContext<?>;
	}

	@Override
	public void onStart(ReceiverContext<?> context) {
		Object carrier = context.getCarrier();
		EdgeDecisions.Untrusted untrusted = (carrier != null) ? EdgeDecisions.take(carrier) : null;
		TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
		if (untrusted == null || tracing == null || tracing.getSpan() == null) {
			return;
		}
		Span span = unwrap(OtelSpan.toOtel(tracing.getSpan()));
		span.setAttribute(DECISION_ATTRIBUTE, EdgeDecisions.name(untrusted.decision()));
		String traceParent = untrusted.traceParent();
		if (untrusted.decision() == UntrustedTrace.RESTART_WITH_LINK && traceParent != null) {
			span.addLink(SpanContext.createFromRemoteParent(traceParent.substring(3, 35), traceParent.substring(36, 52),
					TraceFlags.fromHex(traceParent, 53), TraceState.getDefault()));
		}
	}

	// Micrometer hands out an extracted span behind a wrapper that drops links; the SDK
	// span is inside it.
	private static Span unwrap(Span span) {
		if (!span.getClass().getName().equals(SPAN_FROM_SPAN_CONTEXT)) {
			return span;
		}
		Span inner = FrameworkFields
			.read(span, "span", Span.class, "the server span",
					"Spans of untrusted requests carry no link to the client's trace.")
			.value();
		return (inner != null) ? inner : span;
	}

}
