package io.github.correlation.web.servlet;

import io.github.correlation.audit.InboundHops;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Hands every servlet request, once served, to {@link InboundHops}, which reports those
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
		HttpServletRequest request = context.getCarrier();
		this.hops.served(request.getHeader("traceparent"),
				request.getRequestURI().substring(request.getContextPath().length()), context.getPathPattern(),
				request.getRemoteAddr(), request.getHeader("User-Agent"));
	}

}
