package io.github.correlation.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.correlation.edge.ExternalPropagation;
import io.github.correlation.edge.TrustedNetworks;
import io.github.correlation.edge.UntrustedTrace;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for edge trust.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@ConfigurationProperties("correlation.edge")
public class EdgeProperties {

	/**
	 * Whether this service is at the edge: inbound requests from outside the trusted
	 * networks get a new trace and only allowed baggage.
	 */
	private boolean enabled;

	/**
	 * Comma-separated list of networks in CIDR notation (IPv4 and IPv6) whose clients are
	 * trusted with our trace context and baggage.
	 */
	private List<String> trustedNetworks = new ArrayList<>();

	/**
	 * What becomes of the trace context an untrusted client sends.
	 */
	private UntrustedTrace untrustedTrace = UntrustedTrace.RESTART_WITH_LINK;

	/**
	 * What becomes of the request id an untrusted client sends.
	 */
	private RequestIdMode requestId = RequestIdMode.KEEP;

	/**
	 * Comma-separated list of topic names or patterns ('*' matches any text) that
	 * producers outside write to.
	 */
	private List<String> untrustedTopics = new ArrayList<>();

	/**
	 * Comma-separated list of host patterns ('*' matches any text) of our own services.
	 * When set, calls to any other host carry only what external-propagation allows.
	 */
	private List<String> internalHosts = new ArrayList<>();

	/**
	 * What a call to a host that is not one of the internal hosts carries.
	 */
	private ExternalPropagation.Mode externalPropagation = ExternalPropagation.Mode.TRACE_CONTEXT;

	private final Baggage baggage = new Baggage();

	public List<String> getInternalHosts() {
		return this.internalHosts;
	}

	public void setInternalHosts(List<String> internalHosts) {
		this.internalHosts = internalHosts;
	}

	public ExternalPropagation.Mode getExternalPropagation() {
		return this.externalPropagation;
	}

	public void setExternalPropagation(ExternalPropagation.Mode externalPropagation) {
		this.externalPropagation = externalPropagation;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getTrustedNetworks() {
		return this.trustedNetworks;
	}

	public void setTrustedNetworks(List<String> trustedNetworks) {
		TrustedNetworks.parse(trustedNetworks, "correlation.edge.trusted-networks");
		this.trustedNetworks = trustedNetworks;
	}

	public UntrustedTrace getUntrustedTrace() {
		return this.untrustedTrace;
	}

	public void setUntrustedTrace(UntrustedTrace untrustedTrace) {
		this.untrustedTrace = untrustedTrace;
	}

	public RequestIdMode getRequestId() {
		return this.requestId;
	}

	public void setRequestId(RequestIdMode requestId) {
		this.requestId = requestId;
	}

	public List<String> getUntrustedTopics() {
		return this.untrustedTopics;
	}

	public void setUntrustedTopics(List<String> untrustedTopics) {
		this.untrustedTopics = untrustedTopics;
	}

	public Baggage getBaggage() {
		return this.baggage;
	}

	/**
	 * What becomes of an untrusted client's request id.
	 */
	public enum RequestIdMode {

		/**
		 * Kept when valid: clients quote it to support.
		 */
		KEEP,

		/**
		 * Replaced by a generated one.
		 */
		REGENERATE

	}

	/**
	 * Edge baggage properties.
	 */
	public static class Baggage {

		/**
		 * Comma-separated list of baggage keys an untrusted client may set, in the
		 * baggage header or as a remote-field header.
		 */
		private List<String> allowed = new ArrayList<>();

		public List<String> getAllowed() {
			return this.allowed;
		}

		public void setAllowed(List<String> allowed) {
			this.allowed = allowed;
		}

	}

}
