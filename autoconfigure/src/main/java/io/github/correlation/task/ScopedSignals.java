package io.github.correlation.task;

import java.util.Set;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CorePublisher;
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
 * returns, so nothing stays on an event-loop thread. Each place names the signals that
 * start work there, and only those open a scope: opening one costs about as much as what
 * Reactor's {@code auto} mode does at one operator.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ScopedSignals {

	/**
	 * Subscription and errors: where a request is subscribed to, its handler runs; where
	 * its handling fails, the failure is logged.
	 */
	public static final Set<Signal> SUBSCRIPTION_AND_ERRORS = Set.of(Signal.SUBSCRIBE, Signal.ERROR);

	/**
	 * Values and errors: a single value that arrives, such as a response.
	 */
	public static final Set<Signal> VALUES = Set.of(Signal.NEXT, Signal.ERROR);

	/**
	 * Values, errors and completion: a body, whose completion is when a collected value
	 * is emitted.
	 */
	public static final Set<Signal> BODY = Set.of(Signal.NEXT, Signal.ERROR, Signal.COMPLETE);

	private ScopedSignals() {
	}

	/**
	 * Return a {@link Mono} that subscribes or signals with the observation current.
	 * @param <T> the element type
	 * @param source the publisher
	 * @param observation the observation to make current
	 * @param registry the registry whose current observation is set
	 * @param signals the signals that make it current
	 * @return the scoped publisher
	 */
	public static <T> Mono<T> mono(Mono<T> source, Observation observation, ObservationRegistry registry,
			Set<Signal> signals) {
		return new MonoOperator<T, T>(source) {

			@Override
			public void subscribe(CoreSubscriber<? super T> actual) {
				ScopedSignals.subscribe(this.source, actual, observation, registry, signals);
			}

		};
	}

	/**
	 * Return a {@link Flux} that subscribes or signals with the observation current.
	 * @param <T> the element type
	 * @param source the publisher
	 * @param observation the observation to make current
	 * @param registry the registry whose current observation is set
	 * @param signals the signals that make it current
	 * @return the scoped publisher
	 */
	public static <T> Flux<T> flux(Flux<T> source, Observation observation, ObservationRegistry registry,
			Set<Signal> signals) {
		return new FluxOperator<T, T>(source) {

			@Override
			public void subscribe(CoreSubscriber<? super T> actual) {
				ScopedSignals.subscribe(this.source, actual, observation, registry, signals);
			}

		};
	}

	private static <T> void subscribe(CorePublisher<? extends T> source, CoreSubscriber<? super T> actual,
			Observation observation, ObservationRegistry registry, Set<Signal> signals) {
		ScopedSubscriber<T> subscriber = new ScopedSubscriber<>(actual, observation, registry, signals);
		if (!signals.contains(Signal.SUBSCRIBE)) {
			source.subscribe(subscriber);
			return;
		}
		try (Observation.Scope scope = open(observation, registry)) {
			source.subscribe(subscriber);
		}
	}

	static Observation.Scope open(Observation observation, ObservationRegistry registry) {
		return (registry.getCurrentObservation() == observation) ? Observation.Scope.NOOP : observation.openScope();
	}

	/**
	 * A signal that may start work on the thread that delivers it.
	 */
	public enum Signal {

		/**
		 * The subscription, which runs the assembly of most handlers.
		 */
		SUBSCRIBE,

		/**
		 * A value.
		 */
		NEXT,

		/**
		 * An error, which is where failures are logged.
		 */
		ERROR,

		/**
		 * Completion, which is when collected values are emitted.
		 */
		COMPLETE

	}

	// Also the subscription downstream sees: handing it the upstream's own would let a
	// fusing operator poll values past onNext, outside the scope
	private static final class ScopedSubscriber<T> implements CoreSubscriber<T>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final Observation observation;

		private final ObservationRegistry registry;

		private final boolean next;

		private final boolean error;

		private final boolean complete;

		private @Nullable Subscription upstream;

		ScopedSubscriber(CoreSubscriber<? super T> actual, Observation observation, ObservationRegistry registry,
				Set<Signal> signals) {
			this.actual = actual;
			this.observation = observation;
			this.registry = registry;
			this.next = signals.contains(Signal.NEXT);
			this.error = signals.contains(Signal.ERROR);
			this.complete = signals.contains(Signal.COMPLETE);
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
			if (!this.next) {
				this.actual.onNext(value);
				return;
			}
			try (Observation.Scope scope = open(this.observation, this.registry)) {
				this.actual.onNext(value);
			}
		}

		@Override
		public void onError(Throwable failure) {
			if (!this.error) {
				this.actual.onError(failure);
				return;
			}
			try (Observation.Scope scope = open(this.observation, this.registry)) {
				this.actual.onError(failure);
			}
		}

		@Override
		public void onComplete() {
			if (!this.complete) {
				this.actual.onComplete();
				return;
			}
			try (Observation.Scope scope = open(this.observation, this.registry)) {
				this.actual.onComplete();
			}
		}

		@Override
		public void request(long n) {
			this.upstream.request(n);
		}

		@Override
		public void cancel() {
			this.upstream.cancel();
		}

	}

}
