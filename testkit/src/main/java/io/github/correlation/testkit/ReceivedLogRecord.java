package io.github.correlation.testkit;

import java.util.Map;

/**
 * A log record as an {@link OtlpReceiver} decoded it from an OTLP export request.
 *
 * @param serviceName the {@code service.name} resource attribute, or {@code unknown}
 * @param body the body, rendered as a string
 * @param severityText the severity text ({@code INFO}, {@code WARN}, ...), may be empty
 * @param severityNumber the OTLP severity number, {@code 0} if unspecified
 * @param traceId the trace id in 32 lower-case hex characters, empty outside any trace
 * @param spanId the span id in 16 lower-case hex characters, empty outside any span
 * @param attributes the record's attributes, rendered as strings
 * @author Correlation contributors
 * @since 0.1.0
 */
public record ReceivedLogRecord(String serviceName, String body, String severityText, int severityNumber,
		String traceId, String spanId, Map<String, String> attributes) {

	public ReceivedLogRecord {
		attributes = Map.copyOf(attributes);
	}

}
