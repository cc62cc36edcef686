package io.github.correlation.edge;

import java.util.Locale;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Marks the span that starts from an untrusted sender's context with the decision taken
 * ({@code correlation.edge.decision}) and, for {@link UntrustedTrace#RESTART_WITH_LINK},
 * links it to the sender's context, which Jaeger shows as a reference. The decision is
 * read from the parent context the span starts from, where the {@link EdgePropagator} put
 * it.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class EdgeSpanProcessor implements SpanProcessor {

	/**
	 * The span attribute that names the decision.
	 */
	public static final String DECISION_ATTRIBUTE = "correlation.edge.decision";

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		if (!(Span.fromContextOrNull(parentContext) instanceof UntrustedSender sender)) {
			return;
		}
		span.setAttribute(DECISION_ATTRIBUTE, name(sender.decision()));
		SpanContext senderContext = sender.senderContext();
		if (sender.decision() == UntrustedTrace.RESTART_WITH_LINK && senderContext != null) {
			span.addLink(senderContext);
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
	}

	@Override
	public boolean isEndRequired() {
		return false;
	}

	static String name(UntrustedTrace decision) {
		return decision.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
