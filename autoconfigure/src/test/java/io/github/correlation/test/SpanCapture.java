package io.github.correlation.test;

import java.time.Duration;
import java.util.List;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Collects the spans the application exports, through Boot's own span processor. Combine
 * with {@code management.opentelemetry.tracing.export.schedule-delay=50ms} to see them
 * quickly.
 */
@Configuration(proxyBeanMethods = false)
public class SpanCapture {

	@Bean
	InMemorySpanExporter inMemorySpanExporter() {
		return InMemorySpanExporter.create();
	}

	public static SpanData awaitSpan(InMemorySpanExporter exporter, String traceId, SpanKind kind) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> exporter.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getTraceId().equals(traceId) && span.getKind() == kind)
				.findFirst()
				.orElse(null), (span) -> span != null);
	}

	public static List<SpanData> spans(InMemorySpanExporter exporter, String traceId) {
		return exporter.getFinishedSpanItems().stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
	}

}
