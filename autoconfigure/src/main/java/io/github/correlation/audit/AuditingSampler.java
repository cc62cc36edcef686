package io.github.correlation.audit;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Lets the {@link RootSpanAudit} see the roots that the application's sampler drops: a
 * dropped root that may be a lost context is recorded but not sampled, so it is audited
 * and never exported, and its trace flags still say "not sampled". Every other decision
 * is the delegate's.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class AuditingSampler implements Sampler {

	private final Sampler delegate;

	/**
	 * Create a new instance.
	 * @param delegate the sampler that decides what is exported
	 */
	public AuditingSampler(Sampler delegate) {
		this.delegate = delegate;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		SamplingResult result = this.delegate.shouldSample(parentContext, traceId, name, spanKind, attributes,
				parentLinks);
		if (result.getDecision() == SamplingDecision.DROP && !RootSpanAudit.isEntry(spanKind)
				&& !Span.fromContext(parentContext).getSpanContext().isValid()) {
			return SamplingResult.create(SamplingDecision.RECORD_ONLY, result.getAttributes());
		}
		return result;
	}

	@Override
	public String getDescription() {
		return "AuditingSampler{" + this.delegate.getDescription() + "}";
	}

	/**
	 * The sampler that decides what is exported.
	 * @return the delegate
	 */
	public Sampler getDelegate() {
		return this.delegate;
	}

}
