package io.github.correlation.conventions;

import io.github.correlation.test.TestApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The OpenTelemetry conventions of a servlet server span and meter.
 */
class ServletServerConventionIntegrationTests extends HttpServerConventionContract {

	@Override
	ConfigurableApplicationContext start(String... properties) {
		return TestApplication.run(sources(), properties);
	}

}
