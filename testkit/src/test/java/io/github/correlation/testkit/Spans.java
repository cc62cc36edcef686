package io.github.correlation.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link ReceivedSpan ReceivedSpans} of one trace directly, with times in
 * milliseconds from an arbitrary origin.
 */
final class Spans {

	static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final long ORIGIN = 1_700_000_000_000_000_000L;

	private Spans() {
	}

	static ReceivedSpan span(String spanId, String parentSpanId, String service, String name, double startMillis,
			double endMillis) {
		return span(spanId, parentSpanId, service, name, startMillis, endMillis, "UNSET");
	}

	static ReceivedSpan span(String spanId, String parentSpanId, String service, String name, double startMillis,
			double endMillis, String statusCode) {
		return new ReceivedSpan(TRACE_ID, id(spanId), parentSpanId.isEmpty() ? "" : id(parentSpanId), name, "INTERNAL",
				service, nanos(startMillis), nanos(endMillis), statusCode, Map.of(), List.of());
	}

	/**
	 * A copy of a span with the given events.
	 */
	static ReceivedSpan withEvents(ReceivedSpan span, ReceivedSpan.Event... events) {
		return new ReceivedSpan(span.traceId(), span.spanId(), span.parentSpanId(), span.name(), span.kind(),
				span.serviceName(), span.startEpochNanos(), span.endEpochNanos(), span.statusCode(), span.attributes(),
				span.links(), List.of(events));
	}

	/**
	 * An event at the given time with attributes given as alternating keys and values.
	 */
	static ReceivedSpan.Event event(String name, double millis, String... keysAndValues) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			attributes.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return new ReceivedSpan.Event(name, nanos(millis), attributes);
	}

	static Trace trace(ReceivedSpan... spans) {
		return new Trace(TRACE_ID, List.of(spans));
	}

	/**
	 * A readable short id, padded to the 16 hex characters of a span id.
	 */
	static String id(String shortId) {
		return "0".repeat(16 - shortId.length()) + shortId;
	}

	private static long nanos(double millis) {
		return ORIGIN + (long) (millis * 1_000_000);
	}

}
