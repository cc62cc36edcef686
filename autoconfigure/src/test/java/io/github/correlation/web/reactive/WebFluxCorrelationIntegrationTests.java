package io.github.correlation.web.reactive;

import java.util.stream.Stream;

import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.github.correlation.web.InboundHttpContract;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The inbound contract on a real Reactor Netty server.
 */
class WebFluxCorrelationIntegrationTests extends InboundHttpContract {

	@Override
	protected ConfigurableApplicationContext start(String... properties) {
		return TestApplication.runReactive(new Class<?>[] { ReactiveTestApplication.class, SpanCapture.class },
				properties);
	}

	@Override
	protected Stream<String> responseKinds() {
		return Stream.of("/hello", "/missing", "/boom", "/boom-later", "/status/400", "/status/503", "/teapot",
				"/handled", "/gone", "/stream");
	}

}
