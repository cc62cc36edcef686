package io.github.correlation.conventions;

import java.net.InetSocketAddress;
import java.net.URI;

import io.micrometer.common.KeyValues;
import jakarta.servlet.ServletRequest;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationConvention;
import org.springframework.util.ClassUtils;

/**
 * The OpenTelemetry semantic conventions for the server observation of WebFlux requests,
 * the reactive counterpart of {@link OpenTelemetryServletServerConvention} (Spring
 * Framework 7.0 ships none): the observation {@code http.server.request.duration}, spans
 * named {@code {method} {http.route}}, and the same key values, low-cardinality ones as
 * the meter's tags, high-cardinality ones on the span only.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see HttpSemanticConventions
 */
public final class OpenTelemetryReactiveServerConvention implements ServerRequestObservationConvention {

	private static final String NAME = "http.server.request.duration";

	private static final boolean REACTOR_NETTY = ClassUtils.isPresent("reactor.netty.http.server.HttpServerRequest",
			OpenTelemetryReactiveServerConvention.class.getClassLoader());

	private static final boolean SERVLET = ClassUtils.isPresent("jakarta.servlet.ServletRequest",
			OpenTelemetryReactiveServerConvention.class.getClassLoader());

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ServerRequestObservationContext context) {
		return attributes(context).spanName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		return attributes(context).lowCardinality();
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ServerRequestObservationContext context) {
		return attributes(context).highCardinality();
	}

	private static ServerRequestAttributes attributes(ServerRequestObservationContext context) {
		ServerHttpRequest request = context.getCarrier();
		ServerHttpResponse response = context.getResponse();
		HttpStatusCode status = (response != null) ? response.getStatusCode() : null;
		URI uri = request.getURI();
		int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
		InetSocketAddress remote = request.getRemoteAddress();
		boolean resolved = remote != null && remote.getAddress() != null;
		return new ServerRequestAttributes(request.getMethod().name(), uri.getScheme(),
				(status != null) ? status.value() : null, context.getPathPattern(), context.getError(),
				protocol(request), uri.getRawPath(), uri.getRawQuery(), uri.getHost(), port,
				resolved ? remote.getAddress().getHostAddress() : null, resolved ? remote.getPort() : null,
				request.getHeaders().getFirst(HttpHeaders.USER_AGENT));
	}

	// The protocol is known to the server only: Reactor Netty's request, or the servlet
	// request under a servlet container
	private static @Nullable String protocol(ServerHttpRequest request) {
		Object nativeRequest;
		try {
			nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (REACTOR_NETTY && nativeRequest instanceof HttpServerRequest netty) {
			return netty.version().text();
		}
		if (SERVLET && nativeRequest instanceof ServletRequest servlet) {
			return servlet.getProtocol();
		}
		return null;
	}

}
