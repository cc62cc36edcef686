package io.github.correlation.task;

import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.contextpropagation.ObservationAwareBaggageThreadLocalAccessor;
import io.micrometer.tracing.contextpropagation.ObservationAwareSpanThreadLocalAccessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadLocalAccessorRegistrationTests {

	private final ContextRegistry contextRegistry = new ContextRegistry();

	@Test
	void registersTheObservationAwareAccessorsAndRemovesThemAgain() {
		ThreadLocalAccessorRegistration registration = new ThreadLocalAccessorRegistration(this.contextRegistry,
				ObservationRegistry.create(), Tracer.NOOP);
		registration.afterPropertiesSet();
		assertThat(this.contextRegistry.getThreadLocalAccessors()).extracting((accessor) -> accessor.key())
			.contains(ObservationAwareSpanThreadLocalAccessor.KEY, ObservationAwareBaggageThreadLocalAccessor.KEY);
		registration.destroy();
		assertThat(this.contextRegistry.getThreadLocalAccessors()).extracting((accessor) -> accessor.key())
			.doesNotContain(ObservationAwareSpanThreadLocalAccessor.KEY,
					ObservationAwareBaggageThreadLocalAccessor.KEY);
	}

	@Test
	void leavesAccessorsThatAnotherApplicationRegisteredSince() {
		ThreadLocalAccessorRegistration first = new ThreadLocalAccessorRegistration(this.contextRegistry,
				ObservationRegistry.create(), Tracer.NOOP);
		ThreadLocalAccessorRegistration second = new ThreadLocalAccessorRegistration(this.contextRegistry,
				ObservationRegistry.create(), Tracer.NOOP);
		first.afterPropertiesSet();
		second.afterPropertiesSet();
		first.destroy();
		assertThat(this.contextRegistry.getThreadLocalAccessors()).extracting((accessor) -> accessor.key())
			.contains(ObservationAwareSpanThreadLocalAccessor.KEY);
	}

}
