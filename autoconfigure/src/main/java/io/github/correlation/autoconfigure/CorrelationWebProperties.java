package io.github.correlation.autoconfigure;

import io.github.correlation.requestid.RequestIdPropagator;
import io.github.correlation.web.CorrelationResponseHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for servlet web.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@ConfigurationProperties("correlation.web")
public class CorrelationWebProperties {

	/**
	 * Whether to correlate inbound servlet and WebFlux requests: response headers, error
	 * handling, and on WebFlux the request's context on every thread its work runs on.
	 */
	private boolean enabled = true;

	private final TraceResponse traceResponse = new TraceResponse();

	private final TraceIdHeader traceIdHeader = new TraceIdHeader();

	/**
	 * The response headers these properties ask for.
	 * @param requestIds the request id propagator, or {@code null} for no request id
	 * @return the response headers
	 */
	CorrelationResponseHeaders responseHeaders(@Nullable RequestIdPropagator requestIds) {
		String traceIdHeader = this.traceIdHeader.isEnabled() ? this.traceIdHeader.getName() : null;
		return new CorrelationResponseHeaders(this.traceResponse.isEnabled(), traceIdHeader, requestIds);
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public TraceResponse getTraceResponse() {
		return this.traceResponse;
	}

	public TraceIdHeader getTraceIdHeader() {
		return this.traceIdHeader;
	}

	/**
	 * W3C traceresponse header properties.
	 */
	public static class TraceResponse {

		/**
		 * Whether to write the W3C 'traceresponse' header on every response.
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
	 * Bare trace id response header properties.
	 */
	public static class TraceIdHeader {

		/**
		 * Whether to write the bare trace id in a response header as well.
		 */
		private boolean enabled;

		/**
		 * Name of the response header with the bare trace id.
		 */
		private String name = "X-Trace-Id";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = PropertySupport.requireToken(name, "correlation.web.trace-id-header.name");
		}

	}

}
