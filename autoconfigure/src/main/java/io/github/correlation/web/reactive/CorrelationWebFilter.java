package io.github.correlation.web.reactive;

import java.util.LinkedHashMap;
import java.util.Map;

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
 * read it run then), and the signals the handling returns, which the exception handlers
 * and {@code HttpWebHandlerAdapter} log errors on. Work moved to another scheduler
 * follows through the Reactor schedule hook the starter installs.
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
			ServerWebExchange scoped = exchange.mutate()
				.request(new ScopedBodyRequest(exchange.getRequest(), observation, this.registry))
				.build();
			return ScopedSignals.mono(Mono.defer(() -> {
				writeHeaders(exchange.getResponse());
				return chain.filter(scoped);
			}), observation, this.registry);
		});
	}

	/**
	 * Write the headers now, from the context made current for the request, and again
	 * just before the response is committed: error handling may build the response
	 * afresh, and a streamed response commits whenever its first element is written.
	 * @param response the response
	 */
	private void writeHeaders(ServerHttpResponse response) {
		Map<String, String> headers = new LinkedHashMap<>(4);
		this.responseHeaders.write(Context.current(), headers::put);
		if (headers.isEmpty()) {
			return;
		}
		response.getHeaders().setAll(headers);
		response.beforeCommit(() -> {
			response.getHeaders().setAll(headers);
			return Mono.empty();
		});
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
			return ScopedSignals.flux(super.getBody(), this.observation, this.registry);
		}

	}

}
