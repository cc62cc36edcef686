package io.github.correlation.web.reactive;

import io.github.correlation.task.ScopedSignals;
import io.github.correlation.web.CorrelationResponseHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.context.Context;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers every WebFlux response with the correlation headers ({@code traceresponse}, the
 * request id) and runs the request's work in the context of its server observation, the
 * one {@code HttpWebHandlerAdapter} starts and keeps in the Reactor context: the
 * subscription of the filter chain and handler (controller code, {@code WebClient}
 * filters applied then, blocking calls), the arrival of the request body (handlers that
 * read it run then), and the errors the handling returns, which the exception handlers
 * and {@code HttpWebHandlerAdapter} log. Work moved to another scheduler follows through
 * the Reactor schedule hook the starter installs.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CorrelationWebFilter implements WebFilter, Ordered {

	/**
	 * Order of the filter: first, so that every other filter runs in the request's
	 * context.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	private final ObservationRegistry registry;

	private final CorrelationResponseHeaders responseHeaders;

	/**
	 * Create a new instance.
	 * @param registry the observation registry of the server observation
	 * @param responseHeaders writes the correlation response headers
	 */
	public CorrelationWebFilter(ObservationRegistry registry, CorrelationResponseHeaders responseHeaders) {
		this.registry = registry;
		this.responseHeaders = responseHeaders;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return Mono.deferContextual((context) -> {
			Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			if (observation == null || observation.isNoop()) {
				return chain.filter(exchange);
			}
			ServerWebExchange scoped = hasBody(exchange.getRequest()) ? exchange.mutate()
				.request(new ScopedBodyRequest(exchange.getRequest(), observation, this.registry))
				.build() : exchange;
			return ScopedSignals.mono(Mono.defer(() -> {
				writeHeaders(exchange.getResponse());
				return chain.filter(scoped);
			}), observation, this.registry, ScopedSignals.SUBSCRIPTION_AND_ERRORS);
		});
	}

	// Written before the handler runs: WebFlux and Boot's error handling add to the
	// response headers and never clear them, whatever the response turns out to be
	private void writeHeaders(ServerHttpResponse response) {
		this.responseHeaders.write(Context.current(), response.getHeaders()::set);
	}

	private static boolean hasBody(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private static final class ScopedBodyRequest extends ServerHttpRequestDecorator {

		private final Observation observation;

		private final ObservationRegistry registry;

		ScopedBodyRequest(ServerHttpRequest delegate, Observation observation, ObservationRegistry registry) {
			super(delegate);
			this.observation = observation;
			this.registry = registry;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return ScopedSignals.flux(super.getBody(), this.observation, this.registry, ScopedSignals.BODY);
		}

	}

}
