package io.github.correlation.web.reactive;

import java.time.Duration;
import java.util.List;

import io.github.correlation.audit.CorrelationReport;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.TestApplication;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The propagation audit on a WebFlux service declared internal: a request that arrives
 * without {@code traceparent} is reported with the handler's path pattern and where it
 * came from; a propagated request and an actuator probe are not.
 */
class WebFluxInboundAuditIntegrationTests {

	@Test
	void aRequestWithoutTraceparentAtAnInternalServiceIsAHopWithoutContext() {
		try (ConfigurableApplicationContext context = TestApplication.runReactive(
				new Class<?>[] { ReactiveTestApplication.class }, "correlation.audit.internal=true",
				"logging.level.root=warn")) {
			int port = TestApplication.port(context);
			CorrelationReport report = context.getBean(CorrelationReport.class);
			RawHttpClient.get(port, "/hello", List.<String[]>of(
					new String[] { "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" }));
			RawHttpClient.get(port, "/actuator/health", List.of());
			RawHttpClient.get(port, "/hello", List.<String[]>of(new String[] { "User-Agent", "curl/8" }));
			// WebFlux stops the server observation once the response is written, after
			// the
			// client may have read it
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !report.report().missingContext().isEmpty());
			assertThat(report.report().missingContext()).singleElement().satisfies((hop) -> {
				assertThat(hop.boundary()).isEqualTo("http.server");
				assertThat(hop.target()).isEqualTo("/hello");
				assertThat(hop.message()).contains("arrived without traceparent from 127.0.0.1 (User-Agent 'curl/8')");
			});
		}
	}

}
