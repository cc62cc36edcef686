package io.github.correlation.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for kafka.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@ConfigurationProperties("correlation.kafka")
public class CorrelationKafkaProperties {

	/**
	 * Whether to correlate Kafka records: observation of templates and listeners on by
	 * default, batch spans, per-record contexts and the count of malformed trace headers.
	 */
	private boolean enabled = true;

	private final BatchSpan batchSpan = new BatchSpan();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public BatchSpan getBatchSpan() {
		return this.batchSpan;
	}

	/**
	 * Batch span properties.
	 */
	public static class BatchSpan {

		/**
		 * Whether to run batch listeners in a span linked to the producer of every
		 * record.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
