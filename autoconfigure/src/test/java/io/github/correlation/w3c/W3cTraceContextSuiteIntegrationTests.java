package io.github.correlation.w3c;

import java.util.ArrayList;
import java.util.List;

import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.TestApplication;
import io.github.correlation.test.TraceContextSuite;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the public W3C Trace Context test suite, unmodified, against a real server with
 * the starter, which calls the suite's harness back with a builder-made
 * {@code RestClient}: with the propagation rules on, at a trusted edge, and with them
 * off, to show which cases Boot alone fails.
 */
class W3cTraceContextSuiteIntegrationTests {

	@Test
	void passesWithTheStarter() {
		assertPassesInFull("starter");
	}

	@Test
	void passesAtTheEdgeWhenTheClientIsTrusted() {
		assertPassesInFull("starter at a trusted edge", "correlation.edge.enabled=true",
				"correlation.edge.trusted-networks=127.0.0.0/8,::1/128");
	}

	@Test
	void bootAloneFailsTheCasesTheStarterFixes() {
		TraceContextSuite.Result result = run("Boot alone", "correlation.propagation.enabled=false");
		assertThat(result.ran()).isEqualTo(41);
		assertThat(result.failed()).containsExactlyInAnyOrder("test_traceparent_duplicated",
				"test_tracestate_duplicated_keys", "test_tracestate_empty_header",
				"test_tracestate_key_illegal_vendor_format", "test_tracestate_key_length_limit",
				"test_tracestate_member_count_limit", "test_tracestate_multiple_headers_different_keys");
	}

	private static void assertPassesInFull(String name, String... properties) {
		TraceContextSuite.Result result = run(name, properties);
		assertThat(result.failed()).as(result.output()).isEmpty();
		assertThat(result.ran()).as(result.output()).isEqualTo(41);
		assertThat(result.outcomes()).hasSize(41);
	}

	private static TraceContextSuite.Result run(String name, String... properties) {
		List<String> all = new ArrayList<>(
				List.of("management.tracing.sampling.probability=1.0", "logging.level.root=warn"));
		all.addAll(List.of(properties));
		try (ConfigurableApplicationContext service = TestApplication
			.run(new Class<?>[] { CorrelationTestApplication.class }, all.toArray(String[]::new))) {
			TraceContextSuite.Result result = TraceContextSuite
				.run("http://127.0.0.1:" + TestApplication.port(service) + "/test");
			System.out.printf(
					"W3C Trace Context suite (w3c/trace-context acab820, strict level 2, spec level 2), %s: %s%n", name,
					result.summary());
			return result;
		}
	}

}
