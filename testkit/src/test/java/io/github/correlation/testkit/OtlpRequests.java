package io.github.correlation.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Builds OTLP export requests with the protobuf builders and posts them, as an exporter
 * would.
 */
final class OtlpRequests {

	static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private OtlpRequests() {
	}

	static Span.Builder span(String spanId, String parentSpanId, String name) {
		return Span.newBuilder()
			.setTraceId(bytes(TRACE_ID))
			.setSpanId(bytes(spanId))
			.setParentSpanId(bytes(parentSpanId))
			.setName(name)
			.setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
			.setStartTimeUnixNano(1_000_000_000L)
			.setEndTimeUnixNano(2_000_000_000L);
	}

	static ExportTraceServiceRequest request(String serviceName, Span.Builder... spans) {
		ScopeSpans.Builder scope = ScopeSpans.newBuilder();
		for (Span.Builder span : spans) {
			scope.addSpans(span);
		}
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(Resource.newBuilder().addAttributes(attribute("service.name", serviceName)))
				.addScopeSpans(scope))
			.build();
	}

	static KeyValue attribute(String key, String value) {
		return attribute(key, AnyValue.newBuilder().setStringValue(value).build());
	}

	static KeyValue attribute(String key, AnyValue value) {
		return KeyValue.newBuilder().setKey(key).setValue(value).build();
	}

	static ByteString bytes(String hex) {
		return ByteString.copyFrom(HexFormat.of().parseHex(hex));
	}

	static byte[] gzip(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static HttpResponse<byte[]> post(String url, ExportTraceServiceRequest request) {
		return post(url, request.toByteArray(), "Content-Type", "application/x-protobuf");
	}

	static HttpResponse<byte[]> post(String url, byte[] body, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
				headers);
	}

	static HttpResponse<byte[]> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	private static HttpResponse<byte[]> send(HttpRequest.Builder request, String... headers) {
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return client.send(request.timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
