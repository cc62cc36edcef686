package io.github.correlation.conventions;

import io.micrometer.common.KeyValues;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.observation.OpenTelemetryServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * The OpenTelemetry semantic conventions for the server observation of servlet requests:
 * Spring Framework's {@link OpenTelemetryServerRequestObservationConvention} (its
 * observation name, {@code http.server.request.duration}), completed against the required
 * and recommended attributes of an HTTP server span in the conventions' v1.41.0, and
 * without the keys that are Micrometer's only ({@code outcome}) or break the conventions'
 * rules ({@code error.type=none}, {@code http.route=UNKNOWN}).
 * <p>
 * The low-cardinality key values, which become the tags of the
 * {@code http.server.request.duration} timer too, are the attributes of the conventions'
 * {@code http.server.request.duration} metric: {@code http.request.method},
 * {@code url.scheme}, {@code http.response.status_code}, {@code http.route},
 * {@code error.type} and {@code network.protocol.version}, each present only where the
 * conventions say so. The high-cardinality ones are on the span only: {@code url.path},
 * {@code url.query}, {@code http.request.method_original}, {@code server.address},
 * {@code server.port}, {@code client.address}, {@code network.peer.address},
 * {@code network.peer.port} and {@code user_agent.original}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see HttpSemanticConventions
 */
public final class OpenTelemetryServletServerConvention extends OpenTelemetryServerRequestObservationConvention {

	@Override
	public String getContextualName(ServerRequestObservationContext context) {
		return (context.getCarrier() != null) ? attributes(context).spanName() : "HTTP";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		return (context.getCarrier() != null) ? attributes(context).lowCardinality() : KeyValues.empty();
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ServerRequestObservationContext context) {
		return (context.getCarrier() != null) ? attributes(context).highCardinality() : KeyValues.empty();
	}

	private static ServerRequestAttributes attributes(ServerRequestObservationContext context) {
		HttpServletRequest request = context.getCarrier();
		HttpServletResponse response = context.getResponse();
		return new ServerRequestAttributes(request.getMethod(), request.getScheme(),
				(response != null) ? response.getStatus() : null, context.getPathPattern(), context.getError(),
				request.getProtocol(), request.getRequestURI(), request.getQueryString(), request.getServerName(),
				request.getServerPort(), request.getRemoteAddr(), request.getRemotePort(),
				request.getHeader(HttpHeaders.USER_AGENT));
	}

}
