package io.github.correlation.testkit;

import java.time.Duration;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiver understands what the OpenTelemetry SDK's own OTLP/HTTP exporter sends.
 */
class OtlpExporterCompatibilityTests {

	@AutoClose
	private final OtlpReceiver receiver = OtlpReceiver.start();

	@Test
	void receivesTheSpansOfTheSdkExporter() {
		String traceId = ParentAndChild.export(this.receiver.tracesEndpoint(), "none");
		Trace trace = this.receiver.awaitTrace(traceId, (candidate) -> candidate.spans().size() == 2,
				Duration.ofSeconds(10));
		assertThat(trace.roots()).singleElement().satisfies((root) -> {
			assertThat(root.name()).isEqualTo("GET /orders");
			assertThat(root.kind()).isEqualTo("SERVER");
			assertThat(root.serviceName()).isEqualTo("orders-service");
			assertThat(root.attributes()).containsEntry("http.route", "/orders");
			assertThat(trace.children(root)).singleElement().satisfies((child) -> {
				assertThat(child.name()).isEqualTo("SELECT orders");
				assertThat(child.kind()).isEqualTo("CLIENT");
				assertThat(child.statusCode()).isEqualTo("ERROR");
				assertThat(child.attributes()).containsEntry("db.rows", "3");
			});
		});
		assertThat(trace.orphans()).isEmpty();
		assertThat(trace.services()).containsExactly("orders-service");
	}

	@Test
	void receivesTheSpansOfTheSdkExporterWithGzipCompression() {
		String traceId = ParentAndChild.export(this.receiver.tracesEndpoint(), "gzip");
		Trace trace = this.receiver.awaitTrace(traceId, (candidate) -> candidate.spans().size() == 2,
				Duration.ofSeconds(10));
		assertThat(trace.spans()).extracting(ReceivedSpan::name).containsExactly("GET /orders", "SELECT orders");
	}

}
