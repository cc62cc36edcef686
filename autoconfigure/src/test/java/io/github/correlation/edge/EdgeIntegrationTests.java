package io.github.correlation.edge;

import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The edge contract on a real Tomcat.
 */
class EdgeIntegrationTests extends EdgeContract {

	@Override
	protected ConfigurableApplicationContext startApplication(String... properties) {
		return TestApplication.run(new Class<?>[] { CorrelationTestApplication.class, SpanCapture.class }, properties);
	}

	// Tomcat honours X-Forwarded-For only from the proxies it is told about; loopback is
	// not one of them here.
	@Override
	protected String[] forwardedHeaders() {
		return new String[] { "server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=192\\.0\\.2\\.1" };
	}

}
