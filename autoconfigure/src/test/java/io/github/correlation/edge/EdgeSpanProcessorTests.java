package io.github.correlation.edge;

import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The span that starts from an untrusted sender's context, on OpenTelemetry's SDK.
 */
class EdgeSpanProcessorTests {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(new EdgeSpanProcessor())
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void aRestartedTraceIsMarkedAndLinkedToTheSendersContext() {
		SpanData span = start(
				new UntrustedSender(SpanContext.getInvalid(), UntrustedTrace.RESTART_WITH_LINK, TRACEPARENT));
		assertThat(span.getTraceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(span.getParentSpanContext().isValid()).isFalse();
		assertThat(span.getAttributes().asMap()).containsValue("restart-with-link");
		assertThat(span.getLinks()).singleElement().satisfies((link) -> {
			assertThat(link.getSpanContext().getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
			assertThat(link.getSpanContext().getSpanId()).isEqualTo("00f067aa0ba902b7");
		});
	}

	@Test
	void aPlainRestartIsMarkedWithoutALink() {
		SpanData span = start(new UntrustedSender(SpanContext.getInvalid(), UntrustedTrace.RESTART, TRACEPARENT));
		assertThat(span.getAttributes().asMap()).containsValue("restart");
		assertThat(span.getLinks()).isEmpty();
	}

	@Test
	void aContinuedTraceKeepsItsParentAndIsMarked() {
		SpanContext continued = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736",
				"00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
		SpanData span = start(new UntrustedSender(continued, UntrustedTrace.CONTINUE, TRACEPARENT));
		assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
		assertThat(span.getAttributes().asMap()).containsValue("continue");
		assertThat(span.getLinks()).isEmpty();
	}

	@Test
	void aSpanFromATrustedContextIsLeftAlone() {
		SpanContext trusted = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.getDefault());
		SpanData span = start(Span.wrap(trusted));
		assertThat(span.getAttributes().asMap()).isEmpty();
		assertThat(span.getLinks()).isEmpty();
	}

	private SpanData start(Span parent) {
		this.tracerProvider.get("test")
			.spanBuilder("server")
			.setParent(Context.root().with(parent))
			.setSpanKind(SpanKind.SERVER)
			.startSpan()
			.end();
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

}
