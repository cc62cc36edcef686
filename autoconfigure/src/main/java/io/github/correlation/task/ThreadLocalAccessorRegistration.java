package io.github.correlation.task;

import java.util.List;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.contextpropagation.ObservationAwareBaggageThreadLocalAccessor;
import io.micrometer.tracing.contextpropagation.ObservationAwareSpanThreadLocalAccessor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Registers Micrometer Tracing's observation-aware span and baggage accessors in the
 * global {@link ContextRegistry}, which Boot leaves out: without them a span or baggage
 * that user code creates by hand ({@code tracer.nextSpan()},
 * {@code tracer.createBaggageInScope(...)}) does not cross threads, only observations do.
 * The accessors are removed again when the application context closes, provided they are
 * still the ones registered here.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ThreadLocalAccessorRegistration implements InitializingBean, DisposableBean {

	private final ContextRegistry contextRegistry;

	private final List<ThreadLocalAccessor<?>> accessors;

	/**
	 * Create a new instance.
	 * @param contextRegistry the registry, usually {@link ContextRegistry#getInstance()}
	 * @param observationRegistry the observation registry
	 * @param tracer the tracer
	 */
	public ThreadLocalAccessorRegistration(ContextRegistry contextRegistry, ObservationRegistry observationRegistry,
			Tracer tracer) {
		this.contextRegistry = contextRegistry;
		this.accessors = List.of(new ObservationAwareSpanThreadLocalAccessor(observationRegistry, tracer),
				new ObservationAwareBaggageThreadLocalAccessor(observationRegistry, tracer));
	}

	@Override
	public void afterPropertiesSet() {
		this.accessors.forEach(this.contextRegistry::registerThreadLocalAccessor);
	}

	@Override
	public void destroy() {
		for (ThreadLocalAccessor<?> accessor : this.accessors) {
			boolean stillOurs = this.contextRegistry.getThreadLocalAccessors().contains(accessor);
			if (stillOurs) {
				this.contextRegistry.removeThreadLocalAccessor(accessor.key());
			}
		}
	}

}
