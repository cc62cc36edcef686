package io.github.correlation.testkit;

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

/**
 * Exports one small trace with OpenTelemetry's own SDK and OTLP/HTTP exporter: a server
 * span {@code GET /orders} of service {@code orders-service} and its failed client child
 * {@code SELECT orders}.
 */
final class ParentAndChild {

	private ParentAndChild() {
	}

	static String export(String tracesEndpoint, String compression) {
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(tracesEndpoint)
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
