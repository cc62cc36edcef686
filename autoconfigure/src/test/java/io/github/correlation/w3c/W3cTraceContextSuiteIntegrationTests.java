package io.github.correlation.w3c;

import java.util.ArrayList;
import java.util.List;

import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.TestApplication;
import io.github.correlation.test.TraceContextSuite;
import io.github.correlation.web.reactive.ReactiveTestApplication;
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

	private static final String WEBFLUX = "spring.main.web-application-type=reactive";

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
	void passesOnWebFluxWithTheStarter() {
		assertPassesInFull("starter on WebFlux", WEBFLUX);
	}

	@Test
	void passesOnWebFluxAtTheEdgeWhenTheClientIsTrusted() {
		assertPassesInFull("starter on WebFlux at a trusted edge", WEBFLUX, "correlation.edge.enabled=true",
				"correlation.edge.trusted-networks=127.0.0.0/8,::1/128");
	}

	@Test
	void bootAloneFailsTheCasesTheStarterFixes() {
		assertFailsWhatTheStarterFixes(run("Boot alone", "correlation.propagation.enabled=false"));
	}

	@Test
	void bootAloneOnWebFluxFailsTheCasesTheStarterFixes() {
		assertFailsWhatTheStarterFixes(run("Boot alone on WebFlux", WEBFLUX, "correlation.propagation.enabled=false"));
	}

	private static void assertFailsWhatTheStarterFixes(TraceContextSuite.Result result) {
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
		Class<?> application = all.contains(WEBFLUX) ? ReactiveTestApplication.class : CorrelationTestApplication.class;
		try (ConfigurableApplicationContext service = TestApplication.run(new Class<?>[] { application },
				all.toArray(String[]::new))) {
			TraceContextSuite.Result result = TraceContextSuite
				.run("http://127.0.0.1:" + TestApplication.port(service) + "/test");
			System.out.printf(
					"W3C Trace Context suite (w3c/trace-context acab820, strict level 2, spec level 2), %s: %s%n", name,
					result.summary());
			return result;
		}
	}

}
