package io.github.correlation.web.client;

import java.net.URI;
import java.util.function.Function;

import io.github.correlation.task.ScopedSignals;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpResponseDecorator;

/**
 * A {@link ClientHttpConnector} that delivers the response, and its body, in the context
 * of the code that called the {@code WebClient}: a response arrives on a Netty thread,
 * where nothing is current, and the {@code WebClient} filters and operators that handle
 * it would log without ids under Boot's {@code limited} Reactor context propagation. The
 * caller is the parent of the client observation the {@code WebClient} keeps in the
 * Reactor context; without one the connector changes nothing.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CallerContextConnector implements ClientHttpConnector {

	private final ClientHttpConnector delegate;

	private final ObservationRegistry registry;

	/**
	 * Create a new instance.
	 * @param delegate the connector that does the work
	 * @param registry the observation registry of the client observations
	 */
	public CallerContextConnector(ClientHttpConnector delegate, ObservationRegistry registry) {
		this.delegate = delegate;
		this.registry = registry;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return Mono.deferContextual((context) -> {
			Mono<ClientHttpResponse> response = this.delegate.connect(method, uri, requestCallback);
			Observation caller = caller(context.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
			if (caller == null) {
				return response;
			}
			return ScopedSignals.mono(response.map((received) -> new ClientHttpResponseDecorator(received) {

				@Override
				public Flux<DataBuffer> getBody() {
					return ScopedSignals.flux(super.getBody(), caller, CallerContextConnector.this.registry,
							ScopedSignals.BODY);
				}

			}), caller, this.registry, ScopedSignals.VALUES);
		});
	}

	/**
	 * Return the connector this one delegates to.
	 * @return the delegate
	 */
	public ClientHttpConnector getDelegate() {
		return this.delegate;
	}

	/**
	 * Return the observation of the code that called a client.
	 * @param client the client observation, or {@code null}
	 * @return its parent, or {@code null} if there is none that records anything
	 */
	static @Nullable Observation caller(@Nullable Observation client) {
		if (client == null || client.isNoop()) {
			return null;
		}
		ObservationView parent = client.getContextView().getParentObservation();
		return (parent instanceof Observation observation && !observation.isNoop()) ? observation : null;
	}

}
