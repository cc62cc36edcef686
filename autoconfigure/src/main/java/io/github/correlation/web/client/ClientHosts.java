package io.github.correlation.web.client;

import java.net.URI;

import io.github.correlation.internal.FrameworkFields;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRequest;
import org.springframework.util.ClassUtils;

/**
 * The target host of the carriers Spring's HTTP clients hand to the propagator: the
 * request of {@code RestClient} and {@code RestTemplate}, and the request builder of
 * {@code WebClient}, which shows its URL to no one and is read by its field.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ClientHosts {

	private static final String WEB_CLIENT_BUILDER = "org.springframework.web.reactive.function.client.DefaultClientRequestBuilder";

	private ClientHosts() {
	}

	/**
	 * The host a carrier is sent to.
	 * @param carrier the outbound carrier
	 * @return the host, or {@code null} for a carrier that is not an HTTP client request
	 */
	public static @Nullable String hostOf(Object carrier) {
		if (carrier instanceof HttpRequest request) {
			return request.getURI().getHost();
		}
		if (ClassUtils.getUserClass(carrier).getName().equals(WEB_CLIENT_BUILDER)) {
			URI url = FrameworkFields
				.read(carrier, "url", URI.class, "WebClient",
						"Calls from WebClient are treated as internal by correlation.edge.internal-hosts.")
				.value();
			return (url != null) ? url.getHost() : null;
		}
		return null;
	}

}
