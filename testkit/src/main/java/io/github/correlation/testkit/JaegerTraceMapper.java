package io.github.correlation.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.correlation.testkit.ReceivedSpan.Event;
import io.github.correlation.testkit.ReceivedSpan.Link;
import tools.jackson.databind.JsonNode;

/**
 * Maps the JSON of Jaeger's query API to {@link Trace} and {@link ReceivedSpan}. Every
 * deviation from the documented shape is an {@link IllegalArgumentException}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
final class JaegerTraceMapper {

	private static final Set<String> KINDS = Set.of("server", "client", "producer", "consumer", "internal");

	private static final String KIND_TAG = "span.kind";

	private static final String STATUS_TAG = "otel.status_code";

	private static final String ERROR_TAG = "error";

	// Jaeger keeps the name of an OTLP span event as a log field.
	private static final String EVENT_FIELD = "event";

	private JaegerTraceMapper() {
	}

	static Optional<Trace> trace(String traceId, JsonNode response) {
		for (JsonNode candidate : data(response)) {
			if (traceId.equals(id(candidate.path("traceID"), 32, "traceID"))) {
				List<ReceivedSpan> spans = new ArrayList<>();
				for (JsonNode span : array(candidate.path("spans"), "spans")) {
					spans.add(span(span, candidate.path("processes")));
				}
				return spans.isEmpty() ? Optional.empty() : Optional.of(new Trace(traceId, spans));
			}
		}
		return Optional.empty();
	}

	static List<String> services(JsonNode response) {
		List<String> services = new ArrayList<>();
		for (JsonNode service : data(response)) {
			services.add(string(service, "service name"));
		}
		return List.copyOf(services);
	}

	/**
	 * Lowercase an id and pad it with the leading zeros that Jaeger may leave out.
	 * @param id the id, in hex
	 * @param length the length of the id, 32 for a trace id, 16 for a span id
	 * @return the normalized id
	 * @throws IllegalArgumentException if the id is not hex or too long
	 */
	static String normalizeId(String id, int length) {
		String hex = id.strip().toLowerCase(Locale.ROOT);
		boolean valid = !hex.isEmpty() && hex.length() <= length
				&& hex.chars().allMatch((c) -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
		if (!valid) {
			throw new IllegalArgumentException("Not an id of at most " + length + " hex characters: \"" + id + "\"");
		}
		return "0".repeat(length - hex.length()) + hex;
	}

	private static ReceivedSpan span(JsonNode span, JsonNode processes) {
		String traceId = id(span.path("traceID"), 32, "traceID");
		String parentSpanId = "";
		List<Link> links = new ArrayList<>();
		for (JsonNode reference : array(span.path("references"), "references")) {
			Link target = new Link(id(reference.path("traceID"), 32, "traceID"),
					id(reference.path("spanID"), 16, "spanID"));
			boolean childOf = "CHILD_OF".equals(reference.path("refType").asString(""));
			if (childOf && parentSpanId.isEmpty() && target.traceId().equals(traceId)) {
				parentSpanId = target.spanId();
			}
			else {
				links.add(target);
			}
		}
		Map<String, JsonNode> tags = tags(span.path("tags"));
		long start = micros(span, "startTime") * 1000;
		long end = start + micros(span, "duration") * 1000;
		return new ReceivedSpan(traceId, id(span.path("spanID"), 16, "spanID"), parentSpanId,
				string(span.path("operationName"), "operationName"), kind(tags), serviceName(span, processes), start,
				end, status(tags), attributes(tags), links, events(span.path("logs")));
	}

	private static List<Event> events(JsonNode logs) {
		List<Event> events = new ArrayList<>();
		for (JsonNode log : array(logs, "logs")) {
			Map<String, String> attributes = new LinkedHashMap<>();
			keyValues(log.path("fields"), "fields", "field key")
				.forEach((key, value) -> attributes.put(key, render(value)));
			String name = attributes.remove(EVENT_FIELD);
			events.add(new Event((name != null) ? name : "", micros(log, "timestamp") * 1000, attributes));
		}
		return events;
	}

	private static String kind(Map<String, JsonNode> tags) {
		JsonNode kind = tags.get(KIND_TAG);
		String value = (kind != null) ? render(kind).toLowerCase(Locale.ROOT) : "";
		return KINDS.contains(value) ? value.toUpperCase(Locale.ROOT) : "INTERNAL";
	}

	private static String status(Map<String, JsonNode> tags) {
		JsonNode status = tags.get(STATUS_TAG);
		String value = (status != null) ? render(status).toUpperCase(Locale.ROOT) : "";
		if (value.equals("ERROR") || value.equals("OK")) {
			return value;
		}
		JsonNode error = tags.get(ERROR_TAG);
		return (error != null && render(error).equalsIgnoreCase("true")) ? "ERROR" : "UNSET";
	}

	private static Map<String, String> attributes(Map<String, JsonNode> tags) {
		Map<String, String> attributes = new LinkedHashMap<>();
		tags.forEach((key, value) -> attributes.put(key, render(value)));
		attributes.keySet().removeAll(Set.of(KIND_TAG, STATUS_TAG, ERROR_TAG));
		return attributes;
	}

	private static String serviceName(JsonNode span, JsonNode processes) {
		JsonNode process = span.path("process");
		if (!process.isObject()) {
			process = processes.path(span.path("processID").asString(""));
		}
		String serviceName = process.path("serviceName").asString("");
		if (serviceName.isEmpty()) {
			JsonNode tag = tags(process.path("tags")).get("service.name");
			serviceName = (tag != null) ? render(tag) : "";
		}
		return serviceName.isEmpty() ? "unknown" : serviceName;
	}

	private static Map<String, JsonNode> tags(JsonNode tags) {
		return keyValues(tags, "tags", "tag key");
	}

	private static Map<String, JsonNode> keyValues(JsonNode keyValues, String name, String keyName) {
		Map<String, JsonNode> byKey = new LinkedHashMap<>();
		for (JsonNode keyValue : array(keyValues, name)) {
			byKey.put(string(keyValue.path("key"), keyName), keyValue.path("value"));
		}
		return byKey;
	}

	private static String render(JsonNode value) {
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isNull() || value.isMissingNode()) {
			return "";
		}
		return value.isContainer() ? value.toString() : value.asString();
	}

	private static Iterable<JsonNode> data(JsonNode response) {
		if (!response.isObject()) {
			throw new IllegalArgumentException("expected a JSON object, not " + response.getNodeType());
		}
		return array(response.path("data"), "data");
	}

	// Jaeger leaves out or nulls empty arrays.
	private static Iterable<JsonNode> array(JsonNode node, String name) {
		if (node.isMissingNode() || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new IllegalArgumentException("\"" + name + "\" is not an array: " + node);
		}
		return node;
	}

	private static String id(JsonNode node, int length, String name) {
		return normalizeId(string(node, name), length);
	}

	private static String string(JsonNode node, String name) {
		if (!node.isString()) {
			throw new IllegalArgumentException("\"" + name + "\" is not a string: " + node);
		}
		return node.stringValue();
	}

	private static long micros(JsonNode span, String name) {
		JsonNode node = span.path(name);
		if (!node.isIntegralNumber()) {
			throw new IllegalArgumentException("\"" + name + "\" is not a whole number of microseconds: " + node);
		}
		return node.longValue();
	}

}
