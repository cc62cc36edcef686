package io.github.correlation.conventions;

import io.github.correlation.test.TestApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The OpenTelemetry conventions of a WebFlux server span and meter, on Reactor Netty.
 */
class WebFluxServerConventionIntegrationTests extends HttpServerConventionContract {

	@Override
	ConfigurableApplicationContext start(String... properties) {
		return TestApplication.runReactive(sources(), properties);
	}

}
