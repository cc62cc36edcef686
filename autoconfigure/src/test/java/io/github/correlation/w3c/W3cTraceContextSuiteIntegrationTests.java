package io.github.correlation.w3c;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.RecordingHttpServer.RecordedRequest;
import io.github.correlation.test.TestApplication;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every case of the public W3C Trace Context test suite against a real server that
 * calls a real downstream server, with the starter's propagation rules on; and once more
 * with them off, to show which cases Boot alone fails.
 */
class W3cTraceContextSuiteIntegrationTests {

	@AutoClose
	private static final RecordingHttpServer harness = new RecordingHttpServer();

	@AutoClose
	private static final ConfigurableApplicationContext conforming = startService(true);

	@AutoClose
	private static final ConfigurableApplicationContext trustedEdge = startService(true,
			"correlation.edge.enabled=true", "correlation.edge.trusted-networks=127.0.0.0/8,::1/128");

	static Stream<W3cTraceContextSuite.Case> cases() {
		return W3cTraceContextSuite.cases().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void passesWithTheStarter(W3cTraceContextSuite.Case testCase) {
		testCase.body().run(new W3cTraceContextSuite.Harness(service(conforming)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void passesAtTheEdgeWhenTheClientIsTrusted(W3cTraceContextSuite.Case testCase) {
		testCase.body().run(new W3cTraceContextSuite.Harness(service(trustedEdge)));
	}

	@Test
	void bootAloneFailsTheCasesTheStarterFixes() {
		try (ConfigurableApplicationContext bootAlone = startService(false)) {
			List<String> failed = new ArrayList<>();
			List<W3cTraceContextSuite.Case> cases = W3cTraceContextSuite.cases();
			for (W3cTraceContextSuite.Case testCase : cases) {
				try {
					testCase.body().run(new W3cTraceContextSuite.Harness(service(bootAlone)));
				}
				catch (AssertionError ex) {
					failed.add(testCase.name());
				}
			}
			System.out.printf("W3C Trace Context suite, Boot alone: %d of %d cases pass; failing: %s%n",
					cases.size() - failed.size(), cases.size(), failed);
			assertThat(failed).containsExactlyInAnyOrder("test_traceparent_duplicated", "test_tracestate_empty_header",
					"test_tracestate_multiple_headers_different_keys", "test_tracestate_duplicated_keys",
					"test_tracestate_member_count_limit", "test_tracestate_key_length_limit");
		}
	}

	private static ConfigurableApplicationContext startService(boolean conformance, String... properties) {
		List<String> all = new ArrayList<>(List.of("management.tracing.sampling.probability=1.0",
				"correlation.propagation.enabled=" + conformance, "logging.level.root=warn"));
		all.addAll(List.of(properties));
		return TestApplication.run(new Class<?>[] { CorrelationTestApplication.class }, all.toArray(String[]::new));
	}

	private static W3cTraceContextSuite.Service service(ConfigurableApplicationContext context) {
		int port = TestApplication.port(context);
		return (headers, callbacks) -> {
			StringBuilder path = new StringBuilder("/call?");
			for (int i = 0; i < callbacks; i++) {
				path.append((i > 0) ? "&" : "")
					.append("url=")
					.append(URLEncoder.encode(harness.url("/callback/" + i), StandardCharsets.UTF_8));
			}
			RawHttpClient.Response response = RawHttpClient.get(port, path.toString(), headers);
			assertThat(response.status()).as("status of the service").isEqualTo(200);
			List<RecordedRequest> received = new ArrayList<>();
			for (int i = 0; i < callbacks; i++) {
				received.add(harness.takeRequest());
			}
			received.sort(Comparator.comparing(RecordedRequest::uri));
			return received.stream().map(RecordedRequest::headers).map(Map::copyOf).toList();
		};
	}

}
