package io.github.correlation.web.reactive;

import java.net.InetSocketAddress;

import io.github.correlation.audit.InboundHops;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Hands every WebFlux request, once served, to {@link InboundHops}, which reports those
 * that arrived without a {@code traceparent} at a service declared internal.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class InboundContextAudit implements ObservationHandler<ServerRequestObservationContext> {

	private final InboundHops hops;

	/**
	 * Create a new instance.
	 * @param hops where requests are judged and recorded
	 */
	public InboundContextAudit(InboundHops hops) {
		this.hops = hops;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext;
	}

	@Override
	public void onStop(ServerRequestObservationContext context) {
		ServerHttpRequest request = context.getCarrier();
		HttpHeaders headers = request.getHeaders();
		InetSocketAddress remote = request.getRemoteAddress();
		this.hops.served(headers.getFirst("traceparent"), request.getPath().pathWithinApplication().value(),
				context.getPathPattern(), (remote != null) ? remote.getHostString() : null,
				headers.getFirst(HttpHeaders.USER_AGENT));
	}

}
