package io.github.correlation.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.AntPathMatcher;

/**
 * At a service declared internal ({@code correlation.audit.internal=true}: nothing
 * outside calls it directly), reports every HTTP request that arrives without a
 * {@code traceparent}: the upstream service or client does not propagate. Paths that
 * probes and scrapers call are exempt. Servlet and WebFlux servers hand their requests to
 * it in the same terms.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class InboundHops {

	private final ContextAudit audit;

	private final List<String> exemptPaths;

	private final AntPathMatcher matcher = new AntPathMatcher();

	/**
	 * Create a new instance.
	 * @param audit where hops without context are recorded
	 * @param exemptPaths path patterns (Ant style, without the context path) that may be
	 * called without a trace context
	 */
	public InboundHops(ContextAudit audit, List<String> exemptPaths) {
		this.audit = audit;
		this.exemptPaths = List.copyOf(exemptPaths);
	}

	/**
	 * Record a request once it has been served.
	 * @param traceparent its {@code traceparent} header, or {@code null}
	 * @param path its path, without the context path
	 * @param pathPattern the pattern of the handler that served it, or {@code null}
	 * @param remoteAddress the address it came from
	 * @param userAgent its {@code User-Agent} header, or {@code null}
	 */
	public void served(@Nullable String traceparent, String path, @Nullable String pathPattern,
			@Nullable String remoteAddress, @Nullable String userAgent) {
		if (traceparent != null || isExempt(path)) {
			return;
		}
		String uri = (pathPattern != null) ? pathPattern : "UNKNOWN";
		this.audit.contextMissing("http.server", "uri", uri, "hop without context: http.server request to '" + uri
				+ "' arrived without traceparent from " + remoteAddress
				+ ((userAgent != null) ? " (User-Agent '" + userAgent + "')" : "")
				+ " at a service declared internal (correlation.audit.internal=true) - the caller does not propagate:"
				+ " call this service through an observed client (built from Boot's RestClient.Builder or"
				+ " WebClient.Builder, or a client bean)");
	}

	private boolean isExempt(String path) {
		for (String pattern : this.exemptPaths) {
			if (this.matcher.match(pattern, path)) {
				return true;
			}
		}
		return false;
	}

}
