package io.github.correlation.web.servlet;

import java.util.ArrayDeque;
import java.util.Deque;

import io.micrometer.observation.Observation;
import jakarta.servlet.ServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Observation scopes that must stay open after the filter chain has returned, while the
 * servlet container logs an escaped exception and dispatches to its error page, and that
 * the container closes once it is done with the request. Only a container hook that is
 * certain to close them (such as {@link TomcatErrorScopeValve}) may create a holder;
 * without one, nothing is held.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
final class ContainerErrorScopes {

	static final String ATTRIBUTE = ContainerErrorScopes.class.getName();

	private final Deque<Observation.Scope> scopes = new ArrayDeque<>();

	private ContainerErrorScopes() {
	}

	static ContainerErrorScopes attach(ServletRequest request) {
		ContainerErrorScopes scopes = new ContainerErrorScopes();
		request.setAttribute(ATTRIBUTE, scopes);
		return scopes;
	}

	static @Nullable ContainerErrorScopes get(ServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof ContainerErrorScopes scopes) ? scopes : null;
	}

	void hold(Observation.Scope scope) {
		this.scopes.push(scope);
	}

	void closeAll(ServletRequest request) {
		request.removeAttribute(ATTRIBUTE);
		while (!this.scopes.isEmpty()) {
			this.scopes.pop().close();
		}
	}

}
