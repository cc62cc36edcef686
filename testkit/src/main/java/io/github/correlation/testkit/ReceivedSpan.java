package io.github.correlation.testkit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One span as received over OTLP, reduced to what trace assertions and the waterfall
 * need. Ids are lowercase hex strings.
 *
 * @param traceId the trace id, 32 lowercase hex characters
 * @param spanId the span id, 16 lowercase hex characters
 * @param parentSpanId the parent span id, 16 lowercase hex characters, or an empty string
 * for a root span
 * @param name the span name
 * @param kind the span kind: {@code SERVER}, {@code CLIENT}, {@code PRODUCER},
 * {@code CONSUMER} or {@code INTERNAL}
 * @param serviceName the {@code service.name} resource attribute, or {@code unknown}
 * @param startEpochNanos the start time, in nanoseconds since the epoch
 * @param endEpochNanos the end time, in nanoseconds since the epoch
 * @param statusCode the status code: {@code UNSET}, {@code OK} or {@code ERROR}
 * @param attributes the span attributes (resource and scope attributes are not included),
 * each value rendered as a string, in received order
 * @param links the links to other spans
 * @param events the span events, such as exceptions and log lines recorded on the span,
 * in received order
 * @author Correlation contributors
 * @since 0.1.0
 */
public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
		String serviceName, long startEpochNanos, long endEpochNanos, String statusCode, Map<String, String> attributes,
		List<Link> links, List<Event> events) {

	/**
	 * Create a new {@code ReceivedSpan}, keeping unmodifiable copies of the attributes,
	 * links and events.
	 * @param traceId the trace id
	 * @param spanId the span id
	 * @param parentSpanId the parent span id, or an empty string for a root span
	 * @param name the span name
	 * @param kind the span kind
	 * @param serviceName the service name
	 * @param startEpochNanos the start time, in nanoseconds since the epoch
	 * @param endEpochNanos the end time, in nanoseconds since the epoch
	 * @param statusCode the status code
	 * @param attributes the span attributes
	 * @param links the links to other spans
	 * @param events the span events
	 */
	public ReceivedSpan {
		Objects.requireNonNull(traceId, "traceId");
		Objects.requireNonNull(spanId, "spanId");
		Objects.requireNonNull(parentSpanId, "parentSpanId");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(serviceName, "serviceName");
		Objects.requireNonNull(statusCode, "statusCode");
		attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
		links = List.copyOf(links);
		events = List.copyOf(events);
	}

	/**
	 * Create a new {@code ReceivedSpan} without events.
	 * @param traceId the trace id
	 * @param spanId the span id
	 * @param parentSpanId the parent span id, or an empty string for a root span
	 * @param name the span name
	 * @param kind the span kind
	 * @param serviceName the service name
	 * @param startEpochNanos the start time, in nanoseconds since the epoch
	 * @param endEpochNanos the end time, in nanoseconds since the epoch
	 * @param statusCode the status code
	 * @param attributes the span attributes
	 * @param links the links to other spans
	 */
	public ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
			String serviceName, long startEpochNanos, long endEpochNanos, String statusCode,
			Map<String, String> attributes, List<Link> links) {
		this(traceId, spanId, parentSpanId, name, kind, serviceName, startEpochNanos, endEpochNanos, statusCode,
				attributes, links, List.of());
	}

	/**
	 * Whether this span has no parent.
	 * @return {@code true} if the parent span id is empty
	 */
	public boolean isRoot() {
		return this.parentSpanId.isEmpty();
	}

	/**
	 * Whether this span ended with an error status.
	 * @return {@code true} if the status code is {@code ERROR}
	 */
	public boolean isError() {
		return "ERROR".equals(this.statusCode);
	}

	/**
	 * The time between start and end; zero if the span claims to end before it starts.
	 * @return the duration of the span
	 */
	public Duration duration() {
		return Duration.ofNanos(Math.max(0, this.endEpochNanos - this.startEpochNanos));
	}

	/**
	 * The events of this span with the given name.
	 * @param name the event name, such as {@code exception}
	 * @return the matching events, in received order
	 */
	public List<Event> events(String name) {
		return this.events.stream().filter((event) -> event.name().equals(name)).toList();
	}

	/**
	 * A link from a span to another span, possibly in another trace.
	 *
	 * @param traceId the linked trace id, 32 lowercase hex characters
	 * @param spanId the linked span id, 16 lowercase hex characters
	 * @author Correlation contributors
	 * @since 0.1.0
	 */
	public record Link(String traceId, String spanId) {

		/**
		 * Create a new {@code Link}.
		 * @param traceId the linked trace id
		 * @param spanId the linked span id
		 */
		public Link {
			Objects.requireNonNull(traceId, "traceId");
			Objects.requireNonNull(spanId, "spanId");
		}

	}

	/**
	 * An event recorded on a span at a point in time, such as an exception or a log line.
	 *
	 * @param name the event name, possibly empty
	 * @param epochNanos the time of the event, in nanoseconds since the epoch
	 * @param attributes the event attributes, each value rendered as a string, in
	 * received order
	 * @author Correlation contributors
	 * @since 0.1.0
	 */
	public record Event(String name, long epochNanos, Map<String, String> attributes) {

		/**
		 * Create a new {@code Event}, keeping an unmodifiable copy of the attributes.
		 * @param name the event name
		 * @param epochNanos the time of the event, in nanoseconds since the epoch
		 * @param attributes the event attributes
		 */
		public Event {
			Objects.requireNonNull(name, "name");
			attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
		}

		/**
		 * The value of one attribute of this event.
		 * @param key the attribute key, such as {@code exception.type}
		 * @return the value, or {@code null} if the event has no such attribute
		 */
		public @Nullable String attribute(String key) {
			return this.attributes.get(key);
		}

	}

}
