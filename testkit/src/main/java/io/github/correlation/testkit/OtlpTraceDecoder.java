package io.github.correlation.testkit;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Turns an OTLP {@link ExportTraceServiceRequest} into {@link ReceivedSpan
 * ReceivedSpans}. A request is decoded completely or rejected completely, so that a bad
 * request never leaves half of its spans behind.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
final class OtlpTraceDecoder {

	static final String UNKNOWN_SERVICE = "unknown";

	private static final HexFormat HEX = HexFormat.of();

	private static final String SPAN = "A span";

	private OtlpTraceDecoder() {
	}

	/**
	 * Decode a protobuf-encoded export request.
	 * @param protobuf the uncompressed request body
	 * @return the spans of the request, in request order
	 * @throws MalformedRequestException if the body is not a valid request
	 */
	static List<ReceivedSpan> decode(byte[] protobuf) throws MalformedRequestException {
		ExportTraceServiceRequest request;
		try {
			request = ExportTraceServiceRequest.parseFrom(protobuf);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new MalformedRequestException("Body is not a protobuf ExportTraceServiceRequest: " + ex.getMessage());
		}
		return decode(request);
	}

	/**
	 * Decode an export request.
	 * @param request the request
	 * @return the spans of the request, in request order
	 * @throws MalformedRequestException if an id has the wrong length
	 */
	static List<ReceivedSpan> decode(ExportTraceServiceRequest request) throws MalformedRequestException {
		List<ReceivedSpan> spans = new ArrayList<>();
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			String serviceName = serviceName(resourceSpans.getResource());
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					spans.add(decode(span, serviceName));
				}
			}
		}
		return spans;
	}

	private static ReceivedSpan decode(Span span, String serviceName) throws MalformedRequestException {
		String traceId = id(span.getTraceId(), 16, SPAN, "trace id", false);
		String spanId = id(span.getSpanId(), 8, SPAN, "span id", false);
		String parentSpanId = id(span.getParentSpanId(), 8, SPAN, "parent span id", true);
		List<ReceivedSpan.Link> links = new ArrayList<>();
		for (Span.Link link : span.getLinksList()) {
			links.add(new ReceivedSpan.Link(id(link.getTraceId(), 16, SPAN, "link trace id", false),
					id(link.getSpanId(), 8, SPAN, "link span id", false)));
		}
		List<ReceivedSpan.Event> events = new ArrayList<>();
		for (Span.Event event : span.getEventsList()) {
			events.add(new ReceivedSpan.Event(event.getName(), event.getTimeUnixNano(),
					attributes(event.getAttributesList())));
		}
		return new ReceivedSpan(traceId, spanId, parentSpanId, span.getName(), kind(span.getKind()), serviceName,
				span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), statusCode(span),
				attributes(span.getAttributesList()), links, events);
	}

	/**
	 * Turn a binary id into lowercase hex.
	 * @param bytes the id
	 * @param length the length of the id in bytes, 16 for a trace id, 8 for a span id
	 * @param owner what carries the id, for the message, such as {@code A span}
	 * @param description what the id is, for the message, such as {@code trace id}
	 * @param optional whether an empty id is allowed, and turned into an empty string
	 * @return the id in lowercase hex
	 * @throws MalformedRequestException if the id has the wrong length
	 */
	static String id(ByteString bytes, int length, String owner, String description, boolean optional)
			throws MalformedRequestException {
		if (optional && bytes.isEmpty()) {
			return "";
		}
		if (bytes.size() != length) {
			throw new MalformedRequestException(
					owner + " has a " + description + " of " + bytes.size() + " bytes instead of " + length);
		}
		return HEX.formatHex(bytes.toByteArray());
	}

	/**
	 * The {@code service.name} attribute of a resource.
	 * @param resource the resource
	 * @return the service name, or {@value #UNKNOWN_SERVICE} if it is missing or empty
	 */
	static String serviceName(Resource resource) {
		for (KeyValue attribute : resource.getAttributesList()) {
			if ("service.name".equals(attribute.getKey()) && !attribute.getValue().getStringValue().isEmpty()) {
				return attribute.getValue().getStringValue();
			}
		}
		return UNKNOWN_SERVICE;
	}

	private static String kind(Span.SpanKind kind) {
		return switch (kind) {
			case SPAN_KIND_SERVER -> "SERVER";
			case SPAN_KIND_CLIENT -> "CLIENT";
			case SPAN_KIND_PRODUCER -> "PRODUCER";
			case SPAN_KIND_CONSUMER -> "CONSUMER";
			// The OTLP specification lets receivers read an unspecified kind as internal.
			default -> "INTERNAL";
		};
	}

	private static String statusCode(Span span) {
		return switch (span.getStatus().getCode()) {
			case STATUS_CODE_OK -> "OK";
			case STATUS_CODE_ERROR -> "ERROR";
			default -> "UNSET";
		};
	}

	/**
	 * Render attributes as strings.
	 * @param keyValues the attributes
	 * @return the attributes with {@link #render(AnyValue) rendered} values, in received
	 * order
	 */
	static Map<String, String> attributes(List<KeyValue> keyValues) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (KeyValue attribute : keyValues) {
			attributes.put(attribute.getKey(), render(attribute.getValue()));
		}
		return attributes;
	}

	/**
	 * Render an attribute value as a string: scalars as Java prints them, bytes in base64
	 * as OTLP/JSON does, arrays as {@code [a, b]} and maps as {@code {k=v}}.
	 * @param value the value
	 * @return the rendered value, empty if the value is not set
	 */
	static String render(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
			case INT_VALUE -> Long.toString(value.getIntValue());
			case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
			case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
			case ARRAY_VALUE -> value.getArrayValue()
				.getValuesList()
				.stream()
				.map(OtlpTraceDecoder::render)
				.collect(Collectors.joining(", ", "[", "]"));
			case KVLIST_VALUE -> value.getKvlistValue()
				.getValuesList()
				.stream()
				.map((entry) -> entry.getKey() + "=" + render(entry.getValue()))
				.collect(Collectors.joining(", ", "{", "}"));
			default -> "";
		};
	}

	/**
	 * Thrown when a request body cannot be turned into spans or log records.
	 */
	static final class MalformedRequestException extends Exception {

		MalformedRequestException(String message) {
			super(message);
		}

	}

}
