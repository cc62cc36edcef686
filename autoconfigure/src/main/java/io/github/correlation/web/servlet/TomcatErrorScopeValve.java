package io.github.correlation.web.servlet;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Tomcat engine valve around the whole request pipeline. Tomcat logs an exception that
 * escaped the filter chain, and renders its error page, after every filter has returned
 * and the request's trace context is gone; this valve lets
 * {@link CorrelationObservationFilter} keep that context current until Tomcat is done,
 * and then closes it on the same thread.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class TomcatErrorScopeValve extends ValveBase {

	/**
	 * Create a new instance.
	 */
	public TomcatErrorScopeValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		ContainerErrorScopes scopes = ContainerErrorScopes.attach(request.getRequest());
		try {
			getNext().invoke(request, response);
		}
		finally {
			scopes.closeAll(request.getRequest());
		}
	}

}
