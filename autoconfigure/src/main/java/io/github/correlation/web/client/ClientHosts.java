package io.github.correlation.web.client;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRequest;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * The target host of the carriers Spring's HTTP clients hand to the propagator, read
 * through their public API: the request of {@code RestClient} and {@code RestTemplate},
 * and the request builder of {@code WebClient}, whose URL is read from the request it
 * builds.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ClientHosts {

	// Each client type is touched only when it is on the class path: a Kafka-only service
	// has neither, and must not fail to load them on its first record.
	private static final boolean httpRequestPresent = isPresent("org.springframework.http.HttpRequest");

	private static final boolean webClientPresent = isPresent(
			"org.springframework.web.reactive.function.client.ClientRequest");

	private ClientHosts() {
	}

	/**
	 * The host an outbound carrier is sent to.
	 * @param carrier the outbound carrier
	 * @return the host, empty for an HTTP request without one (never one of ours), or
	 * {@code null} for a carrier that is not an HTTP client request (a Kafka record)
	 */
	public static @Nullable String hostOf(Object carrier) {
		if (httpRequestPresent && carrier instanceof HttpRequest request) {
			return host(request.getURI());
		}
		if (webClientPresent) {
			return WebClientRequests.hostOf(carrier);
		}
		return null;
	}

	private static String host(@Nullable URI uri) {
		String host = (uri != null) ? uri.getHost() : null;
		return (host != null) ? host : "";
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, ClientHosts.class.getClassLoader());
	}

	/**
	 * The carrier of {@code WebClient}: a request builder, built once more to read its
	 * URL.
	 */
	private static final class WebClientRequests {

		static @Nullable String hostOf(Object carrier) {
			return (carrier instanceof ClientRequest.Builder builder) ? host(builder.build().url()) : null;
		}

	}

}
