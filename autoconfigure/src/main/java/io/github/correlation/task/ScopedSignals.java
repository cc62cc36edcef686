package io.github.correlation.task;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.util.context.Context;

/**
 * Makes an observation current, with its span, baggage and MDC entries, while a publisher
 * is subscribed to and while it signals: the code that runs then, in the operators
 * downstream of it and in the subscriptions upstream of it, runs in the request's
 * context. This is what Reactor's {@code auto} context propagation does at every
 * operator, done at the few places where a request's work starts on a thread: the
 * subscription of the request, the arrival of its body and the signals the handling
 * returns to WebFlux (where errors are logged). Where the observation is already current
 * nothing is opened; every scope is closed on the thread that opened it before the call
 * returns, so nothing stays on an event-loop thread.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ScopedSignals {

	private ScopedSignals() {
	}

	/**
	 * Return a {@link Mono} that subscribes and signals with the observation current.
	 * @param <T> the element type
	 * @param source the publisher
	 * @param observation the observation to make current
	 * @param registry the registry whose current observation is set
	 * @return the scoped publisher
	 */
	public static <T> Mono<T> mono(Mono<T> source, Observation observation, ObservationRegistry registry) {
		return new MonoOperator<T, T>(source) {

			@Override
			public void subscribe(CoreSubscriber<? super T> actual) {
				try (Observation.Scope scope = open(observation, registry)) {
					this.source.subscribe(new ScopedSubscriber<>(actual, observation, registry));
				}
			}

		};
	}

	/**
	 * Return a {@link Flux} that subscribes and signals with the observation current.
	 * @param <T> the element type
	 * @param source the publisher
	 * @param observation the observation to make current
	 * @param registry the registry whose current observation is set
	 * @return the scoped publisher
	 */
	public static <T> Flux<T> flux(Flux<T> source, Observation observation, ObservationRegistry registry) {
		return new FluxOperator<T, T>(source) {

			@Override
			public void subscribe(CoreSubscriber<? super T> actual) {
				try (Observation.Scope scope = open(observation, registry)) {
					this.source.subscribe(new ScopedSubscriber<>(actual, observation, registry));
				}
			}

		};
	}

	static Observation.Scope open(Observation observation, ObservationRegistry registry) {
		return (registry.getCurrentObservation() == observation) ? Observation.Scope.NOOP : observation.openScope();
	}

	private static final class ScopedSubscriber<T> implements CoreSubscriber<T>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final Observation observation;

		private final ObservationRegistry registry;

		private @Nullable Subscription upstream;

		ScopedSubscriber(CoreSubscriber<? super T> actual, Observation observation, ObservationRegistry registry) {
			this.actual = actual;
			this.observation = observation;
			this.registry = registry;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}

		@Override
		public void onNext(T value) {
			try (Observation.Scope scope = open(this.observation, this.registry)) {
				this.actual.onNext(value);
			}
		}

		@Override
		public void onError(Throwable error) {
			try (Observation.Scope scope = open(this.observation, this.registry)) {
				this.actual.onError(error);
			}
		}

		@Override
		public void onComplete() {
			try (Observation.Scope scope = open(this.observation, this.registry)) {
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			try (Observation.Scope scope = open(this.observation, this.registry)) {
				this.upstream.request(n);
			}
		}

		@Override
		public void cancel() {
			try (Observation.Scope scope = open(this.observation, this.registry)) {
				this.upstream.cancel();
			}
		}

	}

}
