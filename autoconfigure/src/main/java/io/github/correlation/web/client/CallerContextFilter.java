package io.github.correlation.web.client;

import io.github.correlation.task.ScopedSignals;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * What {@link CallerContextConnector} does, as the innermost filter of a
 * {@code WebClient} whose connector the starter cannot reach (a client bean built without
 * Boot's builder): the response and its body are delivered in the context of the code
 * that called the client.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CallerContextFilter implements ExchangeFilterFunction {

	private final ObservationRegistry registry;

	/**
	 * Create a new instance.
	 * @param registry the observation registry of the client observations
	 */
	public CallerContextFilter(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.deferContextual((context) -> {
			Mono<ClientResponse> response = next.exchange(request);
			Observation caller = CallerContextConnector
				.caller(context.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
			if (caller == null) {
				return response;
			}
			return ScopedSignals.mono(response.map((received) -> received.mutate()
				.body((body) -> ScopedSignals.flux(body, caller, this.registry, ScopedSignals.BODY))
				.build()), caller, this.registry, ScopedSignals.VALUES);
		});
	}

}
