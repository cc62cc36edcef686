package io.github.correlation.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
