package io.github.correlation.edge;

import java.util.Collection;
import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Decorates a {@link TextMapPropagator} with the edge trust policy. Extraction: an
 * untrusted sender's carrier is read through the {@link EdgePolicy}, and the extracted
 * context's span becomes an {@link UntrustedSender} that carries the decision to where
 * the span starts. Injection: a carrier for a host that is not ours is written through
 * {@link ExternalPropagation}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class EdgePropagator implements TextMapPropagator {

	private final TextMapPropagator delegate;

	private final SingletonSupplier<EdgeDecisions> decisions;

	private final SingletonSupplier<ExternalPropagation> external;

	/**
	 * Create a new instance.
	 * @param delegate the propagator to decorate
	 * @param decisions supplies the inbound decisions; called once, on first extraction,
	 * since the policy needs the sampler, which needs the propagators
	 * @param external supplies what may leave for other hosts; called once, on first
	 * injection
	 */
	public EdgePropagator(TextMapPropagator delegate, Supplier<EdgeDecisions> decisions,
			Supplier<ExternalPropagation> external) {
		this.delegate = delegate;
		this.decisions = SingletonSupplier.of(decisions);
		this.external = SingletonSupplier.of(external);
	}

	@Override
	public Collection<String> fields() {
		return this.delegate.fields();
	}

	@Override
	public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
		this.delegate.inject(context, carrier, this.external.obtain().filter(carrier, setter));
	}

	@Override
	public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
		if (carrier == null) {
			return this.delegate.extract(context, carrier, getter);
		}
		EdgeDecisions decisions = this.decisions.obtain();
		UntrustedTrace decision = decisions.decide(carrier);
		if (decision == null) {
			return this.delegate.extract(context, carrier, getter);
		}
		SentTraceParent sent = new SentTraceParent();
		Context extracted = this.delegate.extract(context, carrier, decisions.policy().untrusted(getter, sent::set));
		return extracted.with(new UntrustedSender(Span.fromContext(extracted).getSpanContext(), decision, sent.value));
	}

	@Override
	public String toString() {
		return "EdgePropagator{" + this.delegate + "}";
	}

	/**
	 * The sender's valid {@code traceparent}, once the delegate has read it.
	 */
	private static final class SentTraceParent {

		private @Nullable String value;

		void set(String value) {
			this.value = value;
		}

	}

}
