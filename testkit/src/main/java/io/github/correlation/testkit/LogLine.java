package io.github.correlation.testkit;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One JSON log line, as written by Spring Boot's structured logging (Logstash, ECS or
 * similar layouts), with accessors for the fields correlation tests look at. Each
 * accessor accepts the usual spellings of its key, and keys are found both as dotted
 * top-level names ({@code "trace.id"}) and as nested objects ({@code "trace": {"id":
 * ...}}).
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see LogLines
 */
public final class LogLine {

	private final String raw;

	private final JsonNode json;

	LogLine(String raw, JsonNode json) {
		this.raw = Objects.requireNonNull(raw, "raw");
		this.json = Objects.requireNonNull(json, "json");
	}

	/**
	 * The trace id, from {@code trace_id}, {@code traceId} or {@code trace.id}.
	 * @return the trace id as logged, or {@code null} if the line carries none
	 */
	public @Nullable String traceId() {
		return first("trace_id", "traceId", "trace.id");
	}

	/**
	 * The span id, from {@code span_id}, {@code spanId} or {@code span.id}.
	 * @return the span id as logged, or {@code null} if the line carries none
	 */
	public @Nullable String spanId() {
		return first("span_id", "spanId", "span.id");
	}

	/**
	 * The log message, from {@code message} or {@code msg}.
	 * @return the message, or {@code null} if the line has none
	 */
	public @Nullable String message() {
		return first("message", "msg");
	}

	/**
	 * The logger name, from {@code logger_name}, {@code log.logger} or {@code logger}.
	 * @return the logger name, or {@code null} if the line has none
	 */
	public @Nullable String logger() {
		return first("logger_name", "log.logger", "logger");
	}

	/**
	 * The thread name, from {@code thread_name}, {@code process.thread.name} or
	 * {@code thread}.
	 * @return the thread name, or {@code null} if the line has none
	 */
	public @Nullable String thread() {
		return first("thread_name", "process.thread.name", "thread");
	}

	/**
	 * The log level, from {@code level} or {@code log.level}.
	 * @return the level, or {@code null} if the line has none
	 */
	public @Nullable String level() {
		return first("level", "log.level");
	}

	/**
	 * The value of any key: a top-level key of exactly that name, or else the path of
	 * nested objects that the dots of the key describe. Strings are returned as they are,
	 * other values as their JSON text.
	 * @param key the key, such as {@code request_id} or {@code service.name}
	 * @return the value, or {@code null} if the key is absent or its value is JSON
	 * {@code null}
	 */
	public @Nullable String get(String key) {
		JsonNode value = this.json.get(key);
		if (value == null) {
			value = nested(key);
		}
		if (value == null || value.isNull()) {
			return null;
		}
		return value.isString() ? value.stringValue() : value.toString();
	}

	/**
	 * The line exactly as it was logged.
	 * @return the original line
	 */
	public String raw() {
		return this.raw;
	}

	/**
	 * The original line, so that assertion failures quote what was logged.
	 * @return the original line
	 */
	@Override
	public String toString() {
		return this.raw;
	}

	private @Nullable String first(String... keys) {
		for (String key : keys) {
			String value = get(key);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	private @Nullable JsonNode nested(String key) {
		JsonNode node = this.json;
		for (String part : key.split("\\.", -1)) {
			node = node.get(part);
			if (node == null) {
				return null;
			}
		}
		return node;
	}

}
