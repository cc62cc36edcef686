package io.github.correlation.web.servlet;

import java.util.stream.Stream;

import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.github.correlation.web.InboundHttpContract;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The inbound contract on a real Tomcat. Header values with control characters never
 * reach the application: Tomcat itself answers 400 for them, before any filter runs.
 */
class WebMvcCorrelationIntegrationTests extends InboundHttpContract {

	@Override
	protected ConfigurableApplicationContext start(String... properties) {
		return TestApplication.run(new Class<?>[] { CorrelationTestApplication.class, SpanCapture.class }, properties);
	}

	@Override
	protected Stream<String> responseKinds() {
		return Stream.of("/hello", "/missing", "/boom", "/status/400", "/status/503", "/send-error", "/handled",
				"/async");
	}

}
