package io.github.correlation.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the vocabulary of the observations.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@ConfigurationProperties("correlation")
public class ConventionsProperties {

	/**
	 * Vocabulary of the HTTP, Kafka and JDBC observations: span names, span attributes,
	 * meter names and tags. 'micrometer' keeps Boot's, Spring Kafka's and
	 * datasource-micrometer's; 'opentelemetry' follows the OpenTelemetry semantic
	 * conventions for HTTP, messaging and SQL databases (v1.41.0), like services
	 * instrumented in other languages.
	 */
	private Conventions conventions = Conventions.MICROMETER;

	public Conventions getConventions() {
		return this.conventions;
	}

	public void setConventions(Conventions conventions) {
		this.conventions = conventions;
	}

	/**
	 * The vocabularies.
	 */
	public enum Conventions {

		/**
		 * Micrometer's and Boot's names: {@code http get /orders}, {@code method},
		 * {@code uri}, {@code status}, {@code http.server.requests}.
		 */
		MICROMETER,

		/**
		 * The OpenTelemetry semantic conventions: {@code GET /orders},
		 * {@code http.request.method}, {@code http.route},
		 * {@code http.response.status_code}, {@code http.server.request.duration}.
		 */
		OPENTELEMETRY

	}

}
