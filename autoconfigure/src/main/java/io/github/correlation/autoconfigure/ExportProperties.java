package io.github.correlation.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for span export.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@ConfigurationProperties("correlation.export")
public class ExportProperties {

	private final Metrics metrics = new Metrics();

	public Metrics getMetrics() {
		return this.metrics;
	}

	/**
	 * Span export metrics properties.
	 */
	public static class Metrics {

		/**
		 * Whether to count, in the application's meter registry, the spans that were
		 * dropped because the export queue was full, failed to export, or were exported,
		 * and the spans waiting in the queue.
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
