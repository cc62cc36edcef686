package io.github.correlation.web.servlet;

import io.github.correlation.edge.InboundTrust;
import io.github.correlation.edge.TrustedNetworks;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Trusts a servlet request whose client address, as the container and Boot's
 * {@code server.forward-headers-strategy} resolved it, is in the trusted networks. A
 * forwarded-for header is honoured only where the container was told to honour it for the
 * proxy that sent it; a client cannot make itself trusted by sending one.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ClientAddressTrust implements InboundTrust {

	private final TrustedNetworks networks;

	/**
	 * Create a new instance.
	 * @param networks the trusted networks
	 */
	public ClientAddressTrust(TrustedNetworks networks) {
		this.networks = networks;
	}

	@Override
	public Trust trust(Object carrier) {
		if (!(carrier instanceof HttpServletRequest request)) {
			return Trust.ABSTAIN;
		}
		return this.networks.contains(request.getRemoteAddr()) ? Trust.TRUSTED : Trust.UNTRUSTED;
	}

}
