package io.github.correlation.edge;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.jspecify.annotations.Nullable;

/**
 * The remote parent that the {@link EdgePropagator} puts in the context it extracts for
 * an untrusted sender: the span context that the policy let through (invalid when the
 * trace restarts) together with the decision and what the sender brought, for the
 * {@link EdgeSpanProcessor} to mark and link the span that starts from it.
 * <p>
 * The decision travels as the context's span because Micrometer's OpenTelemetry bridge
 * keeps only the span of an extracted context when it starts the server or consumer span;
 * like any propagated span, it records nothing.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class UntrustedSender implements Span {

	private final SpanContext spanContext;

	private final UntrustedTrace decision;

	private final @Nullable String traceParent;

	UntrustedSender(SpanContext spanContext, UntrustedTrace decision, @Nullable String traceParent) {
		this.spanContext = spanContext;
		this.decision = decision;
		this.traceParent = traceParent;
	}

	/**
	 * The decision applied to the sender's trace context.
	 * @return the decision
	 */
	public UntrustedTrace decision() {
		return this.decision;
	}

	/**
	 * The sender's own trace context, valid and normalised.
	 * @return its span context, or {@code null} if it sent no valid {@code traceparent}
	 */
	public @Nullable SpanContext senderContext() {
		if (this.traceParent == null) {
			return null;
		}
		return SpanContext.createFromRemoteParent(this.traceParent.substring(3, 35), this.traceParent.substring(36, 52),
				TraceFlags.fromHex(this.traceParent, 53), TraceState.getDefault());
	}

	@Override
	public SpanContext getSpanContext() {
		return this.spanContext;
	}

	@Override
	public boolean isRecording() {
		return false;
	}

	@Override
	public <T> Span setAttribute(AttributeKey<T> key, @Nullable T value) {
		return this;
	}

	@Override
	public Span addEvent(String name, Attributes attributes) {
		return this;
	}

	@Override
	public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
		return this;
	}

	@Override
	public Span setStatus(StatusCode statusCode, String description) {
		return this;
	}

	@Override
	public Span recordException(Throwable exception, Attributes additionalAttributes) {
		return this;
	}

	@Override
	public Span updateName(String name) {
		return this;
	}

	@Override
	public void end() {
	}

	@Override
	public void end(long timestamp, TimeUnit unit) {
	}

	@Override
	public String toString() {
		return "UntrustedSender{" + this.decision + ", " + this.spanContext + "}";
	}

}
