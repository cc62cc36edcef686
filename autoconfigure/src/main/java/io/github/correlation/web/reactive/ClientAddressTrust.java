package io.github.correlation.web.reactive;

import java.net.InetSocketAddress;

import io.github.correlation.edge.InboundTrust;
import io.github.correlation.edge.TrustedNetworks;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Trusts a WebFlux request whose client address, as the server and Boot's
 * {@code server.forward-headers-strategy} resolved it, is in the trusted networks. A
 * request without a remote address is not trusted. Note that Reactor Netty's
 * {@code native} strategy honours forwarded-for headers from any client: at an edge, use
 * it only behind a proxy that replaces them.
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
		if (!(carrier instanceof ServerHttpRequest request)) {
			return Trust.ABSTAIN;
		}
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return Trust.UNTRUSTED;
		}
		return this.networks.contains(remote.getAddress().getHostAddress()) ? Trust.TRUSTED : Trust.UNTRUSTED;
	}

}
