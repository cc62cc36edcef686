package io.github.correlation.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for W3C propagation.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@ConfigurationProperties("correlation.propagation")
public class PropagationProperties {

	/**
	 * Whether to enforce the W3C Trace Context and Baggage rules on every propagator: one
	 * combined tracestate list, strict traceparent and tracestate grammar, member and
	 * size limits.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
