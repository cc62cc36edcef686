package io.github.correlation.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

	/**
	 * The attributes of a span by key, with their types: strings, longs, booleans.
	 * @param span the span
	 * @return its attributes
	 */
	public static Map<String, Object> attributes(SpanData span) {
		return span.getAttributes()
			.asMap()
			.entrySet()
			.stream()
			.collect(Collectors.toMap((entry) -> entry.getKey().getKey(), Map.Entry::getValue));
	}

}
