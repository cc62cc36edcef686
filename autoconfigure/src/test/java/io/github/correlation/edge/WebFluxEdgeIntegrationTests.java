package io.github.correlation.edge;

import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.github.correlation.web.reactive.ReactiveTestApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The edge contract on a real Reactor Netty server.
 */
class WebFluxEdgeIntegrationTests extends EdgeContract {

	@Override
	protected ConfigurableApplicationContext startApplication(String... properties) {
		return TestApplication.runReactive(new Class<?>[] { ReactiveTestApplication.class, SpanCapture.class },
				properties);
	}

	// Reactor Netty's native strategy honours X-Forwarded-For from any client; Spring's
	// (framework) applies it too. The careful deployment leaves forwarded headers alone.
	@Override
	protected String[] forwardedHeaders() {
		return new String[] { "server.forward-headers-strategy=none" };
	}

}
