package io.github.correlation.edge;

import java.util.ArrayList;
import java.util.List;

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
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("spring.main.web-application-type=reactive");
		return TestApplication.run(new Class<?>[] { ReactiveTestApplication.class, SpanCapture.class },
				all.toArray(String[]::new));
	}

	// Reactor Netty's native strategy honours X-Forwarded-For from any client; Spring's
	// (framework) applies it too. The careful deployment leaves forwarded headers alone.
	@Override
	protected String[] forwardedHeaders() {
		return new String[] { "server.forward-headers-strategy=none" };
	}

}
