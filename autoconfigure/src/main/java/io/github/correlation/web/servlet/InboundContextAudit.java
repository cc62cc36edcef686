package io.github.correlation.web.servlet;

import java.util.List;

import io.github.correlation.audit.ContextAudit;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.util.AntPathMatcher;

/**
 * At a service declared internal ({@code correlation.audit.internal=true}: nothing
 * outside calls it directly), reports every request that arrives without a
 * {@code traceparent}: the upstream service or client does not propagate. Paths that
 * probes and scrapers call are exempt.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class InboundContextAudit implements ObservationHandler<ServerRequestObservationContext> {

	private static final String TRACEPARENT = "traceparent";

	private final ContextAudit audit;

	private final List<String> exemptPaths;

	private final AntPathMatcher matcher = new AntPathMatcher();

	/**
	 * Create a new instance.
	 * @param audit where hops without context are recorded
	 * @param exemptPaths path patterns (Ant style, without the context path) that may be
	 * called without a trace context
	 */
	public InboundContextAudit(ContextAudit audit, List<String> exemptPaths) {
		this.audit = audit;
		this.exemptPaths = List.copyOf(exemptPaths);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext;
	}

	@Override
	public void onStop(ServerRequestObservationContext context) {
		HttpServletRequest request = context.getCarrier();
		if (request.getHeader(TRACEPARENT) != null || isExempt(request)) {
			return;
		}
		String uri = (context.getPathPattern() != null) ? context.getPathPattern() : "UNKNOWN";
		String userAgent = request.getHeader("User-Agent");
		this.audit.contextMissing("http.server", "uri", uri, "hop without context: http.server request to '" + uri
				+ "' arrived without traceparent from " + request.getRemoteAddr()
				+ ((userAgent != null) ? " (User-Agent '" + userAgent + "')" : "")
				+ " at a service declared internal (correlation.audit.internal=true) - the caller does not propagate:"
				+ " call this service through an observed client (built from Boot's RestClient.Builder or"
				+ " WebClient.Builder, or a client bean)");
	}

	private boolean isExempt(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		for (String pattern : this.exemptPaths) {
			if (this.matcher.match(pattern, path)) {
				return true;
			}
		}
		return false;
	}

}
