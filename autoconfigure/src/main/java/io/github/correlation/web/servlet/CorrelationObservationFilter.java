package io.github.correlation.web.servlet;

import java.io.IOException;

import io.github.correlation.web.CorrelationResponseHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.context.Context;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Spring's {@link ServerHttpObservationFilter}, extended to write the correlation
 * response headers and to keep the request's context current while the container handles
 * an error for it: during the {@code ERROR} dispatch ({@code /error},
 * {@code BasicErrorController}) and, where a {@link ContainerErrorScopes} holder is
 * present, while the container itself logs an exception that escaped the filter chain.
 * The observation is created, stopped and measured exactly once.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CorrelationObservationFilter extends ServerHttpObservationFilter {

	private static final String OBSERVATION_ATTRIBUTE = CorrelationObservationFilter.class.getName() + ".observation";

	private final CorrelationResponseHeaders responseHeaders;

	/**
	 * Create a new instance.
	 * @param observationRegistry the observation registry
	 * @param observationConvention the convention of the server observation
	 * @param responseHeaders writes the correlation response headers
	 */
	public CorrelationObservationFilter(ObservationRegistry observationRegistry,
			ServerRequestObservationConvention observationConvention, CorrelationResponseHeaders responseHeaders) {
		super(observationRegistry, observationConvention);
		this.responseHeaders = responseHeaders;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
			throws ServletException, IOException {
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			doFilterErrorDispatch(request, response, filterChain);
			return;
		}
		try {
			super.doFilterInternal(request, response, filterChain);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			holdScopeForContainer(request);
			throw ex;
		}
	}

	@Override
	protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
			FilterChain filterChain) throws ServletException, IOException {
		doFilterErrorDispatch(request, response, filterChain);
	}

	@Override
	protected void onScopeOpened(Observation.Scope scope, HttpServletRequest request, HttpServletResponse response) {
		request.setAttribute(OBSERVATION_ATTRIBUTE, scope.getCurrentObservation());
		writeHeaders(response);
	}

	private void doFilterErrorDispatch(HttpServletRequest request, HttpServletResponse response,
			FilterChain filterChain) throws ServletException, IOException {
		Observation observation = (Observation) request.getAttribute(OBSERVATION_ATTRIBUTE);
		if (observation == null) {
			filterChain.doFilter(request, response);
			return;
		}
		try (Observation.Scope scope = observation.openScope()) {
			writeHeaders(response);
			filterChain.doFilter(request, response);
		}
	}

	private void writeHeaders(HttpServletResponse response) {
		if (!response.isCommitted()) {
			this.responseHeaders.write(Context.current(), response::setHeader);
		}
	}

	private void holdScopeForContainer(HttpServletRequest request) {
		Observation observation = (Observation) request.getAttribute(OBSERVATION_ATTRIBUTE);
		ContainerErrorScopes scopes = ContainerErrorScopes.get(request);
		if (observation != null && scopes != null) {
			scopes.hold(observation.openScope());
		}
	}

}
