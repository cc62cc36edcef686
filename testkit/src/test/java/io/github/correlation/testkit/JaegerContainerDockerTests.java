package io.github.correlation.testkit;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round trip through a real Jaeger: spans exported over OTLP/HTTP are read back through
 * the query API. Skipped where Docker is not available.
 */
@Testcontainers(disabledWithoutDocker = true)
class JaegerContainerDockerTests {

	@Container
	static final JaegerContainer jaeger = new JaegerContainer();

	@Test
	void readsBackTheSpansExportedOverOtlpHttp() {
		String traceId = ParentAndChild.export(jaeger.getOtlpHttpTracesEndpoint(), "none");
		Trace trace = jaeger.queryClient()
			.awaitTrace(traceId, (candidate) -> candidate.spans().size() == 2, Duration.ofSeconds(30));
		CorrelationAssertions.assertThat(trace).hasSingleRoot().hasNoOrphans().spansExactlyServices("orders-service");
		assertThat(trace.roots()).singleElement().satisfies((root) -> {
			assertThat(root.name()).isEqualTo("GET /orders");
			assertThat(root.kind()).isEqualTo("SERVER");
			assertThat(root.attributes()).containsEntry("http.route", "/orders");
			assertThat(trace.children(root)).singleElement().satisfies((child) -> {
				assertThat(child.kind()).isEqualTo("CLIENT");
				assertThat(child.statusCode()).isEqualTo("ERROR");
				assertThat(child.attributes()).containsEntry("db.rows", "3");
			});
		});
		assertThat(jaeger.queryClient().services()).contains("orders-service");
	}

	@Test
	void findsNoTraceThatWasNeverExported() {
		assertThat(jaeger.queryClient().trace("5b8efff798038103d269b633813fc60c")).isEmpty();
	}

}
