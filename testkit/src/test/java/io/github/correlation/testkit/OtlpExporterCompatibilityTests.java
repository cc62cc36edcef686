package io.github.correlation.testkit;

import java.time.Duration;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
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
		String traceId = exportParentAndChild("none");
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
		String traceId = exportParentAndChild("gzip");
		Trace trace = this.receiver.awaitTrace(traceId, (candidate) -> candidate.spans().size() == 2,
				Duration.ofSeconds(10));
		assertThat(trace.spans()).extracting(ReceivedSpan::name).containsExactly("GET /orders", "SELECT orders");
	}

	private String exportParentAndChild(String compression) {
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(this.receiver.tracesEndpoint())
			.setCompression(compression)
			.build();
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "orders-service")))
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			Tracer tracer = tracerProvider.get("testkit");
			Span parent = tracer.spanBuilder("GET /orders")
				.setSpanKind(SpanKind.SERVER)
				.setAttribute("http.route", "/orders")
				.startSpan();
			try (Scope scope = parent.makeCurrent()) {
				Span child = tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT).startSpan();
				child.setAttribute("db.rows", 3L);
				child.setStatus(StatusCode.ERROR);
				child.end();
			}
			finally {
				parent.end();
			}
			return parent.getSpanContext().getTraceId();
		}
	}

}
