package io.github.correlation.autoconfigure;

import io.github.correlation.logging.events.SpanEventLimits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.util.Assert;

/**
 * Configuration properties for logging.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@ConfigurationProperties("correlation.logging")
public class CorrelationLoggingProperties {

	/**
	 * Whether to write the trace context and baggage to the MDC under the configured
	 * keys.
	 */
	private boolean enabled = true;

	private final Mdc mdc = new Mdc();

	private final Otlp otlp = new Otlp();

	private final SpanEvents spanEvents = new SpanEvents();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Mdc getMdc() {
		return this.mdc;
	}

	public Otlp getOtlp() {
		return this.otlp;
	}

	public SpanEvents getSpanEvents() {
		return this.spanEvents;
	}

	/**
	 * Properties of the log lines that become events of the current span.
	 */
	public static class SpanEvents {

		/**
		 * Lowest level of the log lines that become events of the span current where they
		 * are written; OFF for none.
		 */
		private LogLevel level = LogLevel.WARN;

		/**
		 * Most events one span takes from log lines; the lines beyond are counted in the
		 * span attribute log.events.dropped.
		 */
		private int maxPerSpan = SpanEventLimits.DEFAULTS.maxPerSpan();

		/**
		 * Longest message of an event, in characters; longer ones are cut.
		 */
		private int maxMessageLength = SpanEventLimits.DEFAULTS.maxMessageLength();

		/**
		 * Longest stack trace of an exception event, in characters; longer ones are cut.
		 */
		private int maxStackTraceLength = SpanEventLimits.DEFAULTS.maxStackTraceLength();

		public LogLevel getLevel() {
			return this.level;
		}

		public void setLevel(LogLevel level) {
			Assert.isTrue(level != null, "correlation.logging.span-events.level must be set");
			this.level = level;
		}

		public int getMaxPerSpan() {
			return this.maxPerSpan;
		}

		public void setMaxPerSpan(int maxPerSpan) {
			this.maxPerSpan = requirePositive(maxPerSpan, "correlation.logging.span-events.max-per-span");
		}

		public int getMaxMessageLength() {
			return this.maxMessageLength;
		}

		public void setMaxMessageLength(int maxMessageLength) {
			this.maxMessageLength = requirePositive(maxMessageLength,
					"correlation.logging.span-events.max-message-length");
		}

		public int getMaxStackTraceLength() {
			return this.maxStackTraceLength;
		}

		public void setMaxStackTraceLength(int maxStackTraceLength) {
			this.maxStackTraceLength = requirePositive(maxStackTraceLength,
					"correlation.logging.span-events.max-stack-trace-length");
		}

		SpanEventLimits toLimits() {
			return new SpanEventLimits(this.maxPerSpan, this.maxMessageLength, this.maxStackTraceLength);
		}

		private static int requirePositive(int value, String property) {
			Assert.isTrue(value > 0, () -> property + " must be positive, not " + value);
			return value;
		}

	}

	/**
	 * OTLP log export properties.
	 */
	public static class Otlp {

		/**
		 * Whether to send every log line to Boot's OTLP log export when it is configured
		 * (management.opentelemetry.logging.export.otlp.endpoint), through
		 * OpenTelemetry's Logback appender attached to the root logger.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * MDC key properties.
	 */
	public static class Mdc {

		/**
		 * MDC key of the trace id.
		 */
		private String traceId = "trace_id";

		/**
		 * MDC key of the span id.
		 */
		private String spanId = "span_id";

		/**
		 * MDC key of the trace flags.
		 */
		private String traceFlags = "trace_flags";

		public String getTraceId() {
			return this.traceId;
		}

		public void setTraceId(String traceId) {
			this.traceId = PropertySupport.requireToken(traceId, "correlation.logging.mdc.trace-id");
		}

		public String getSpanId() {
			return this.spanId;
		}

		public void setSpanId(String spanId) {
			this.spanId = PropertySupport.requireToken(spanId, "correlation.logging.mdc.span-id");
		}

		public String getTraceFlags() {
			return this.traceFlags;
		}

		public void setTraceFlags(String traceFlags) {
			this.traceFlags = PropertySupport.requireToken(traceFlags, "correlation.logging.mdc.trace-flags");
		}

	}

}
