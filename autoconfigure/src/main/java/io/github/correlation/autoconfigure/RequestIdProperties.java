package io.github.correlation.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.correlation.requestid.RequestIdPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the request id.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@ConfigurationProperties("correlation.request-id")
public class RequestIdProperties {

	/**
	 * Whether to accept, generate, log, echo and propagate a request id.
	 */
	private boolean enabled = true;

	/**
	 * Header that carries the request id, inbound, outbound and on responses.
	 */
	private String header = "X-Request-Id";

	/**
	 * Comma-separated list of further headers accepted as the inbound request id, in
	 * order of preference after the main header.
	 */
	private List<String> aliases = new ArrayList<>(List.of("X-Correlation-Id"));

	/**
	 * Name of the baggage entry and MDC key that hold the request id.
	 */
	private String field = "request_id";

	/**
	 * Maximum length of an accepted request id, at least 36 so that a generated UUID
	 * fits. Longer ids, and ids with characters other than letters, digits and
	 * '-_.:/+=@', are replaced by a generated one.
	 */
	private int maxLength = RequestIdPolicy.DEFAULT_MAX_LENGTH;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = PropertySupport.requireToken(header, "correlation.request-id.header");
	}

	public List<String> getAliases() {
		return this.aliases;
	}

	public void setAliases(List<String> aliases) {
		aliases.forEach((alias) -> PropertySupport.requireToken(alias, "correlation.request-id.aliases"));
		this.aliases = aliases;
	}

	public String getField() {
		return this.field;
	}

	public void setField(String field) {
		this.field = PropertySupport.requireToken(field, "correlation.request-id.field");
	}

	public int getMaxLength() {
		return this.maxLength;
	}

	public void setMaxLength(int maxLength) {
		RequestIdPolicy.requireValidMaxLength(maxLength, "correlation.request-id.max-length");
		this.maxLength = maxLength;
	}

}
