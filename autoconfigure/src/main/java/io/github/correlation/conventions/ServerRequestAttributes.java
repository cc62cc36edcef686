package io.github.correlation.conventions;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * What the conventions say of one server request, whichever stack it came from: the span
 * name, the low-cardinality key values (the span's and the meter's) and the
 * high-cardinality ones (the span's only).
 *
 * @param method the method as sent, {@code null} if unknown
 * @param scheme the URL scheme
 * @param statusCode the response's status code, {@code null} if none was sent
 * @param pathPattern the matched route's pattern, {@code null} if none matched
 * @param error the exception the request ended with, {@code null} if none
 * @param protocol the protocol as the server names it ({@code HTTP/1.1}), {@code null} if
 * unknown
 * @param path the raw path
 * @param query the raw query, {@code null} if none
 * @param serverAddress the host the request was sent to
 * @param serverPort the port the request was sent to
 * @param clientAddress the client's address, {@code null} if unknown
 * @param clientPort the client's port, {@code null} if unknown
 * @param userAgent the {@code User-Agent} header, {@code null} if none
 * @author Correlation contributors
 */
record ServerRequestAttributes(@Nullable String method, @Nullable String scheme, @Nullable Integer statusCode,
		@Nullable String pathPattern, @Nullable Throwable error, @Nullable String protocol, @Nullable String path,
		@Nullable String query, @Nullable String serverAddress, int serverPort, @Nullable String clientAddress,
		@Nullable Integer clientPort, @Nullable String userAgent) {

	String spanName() {
		String route = route();
		String spanMethod = HttpSemanticConventions.spanNameMethod(this.method);
		return (route != null) ? spanMethod + " " + route : spanMethod;
	}

	KeyValues lowCardinality() {
		List<KeyValue> keyValues = new ArrayList<>(6);
		add(keyValues, HttpSemanticConventions.REQUEST_METHOD, HttpSemanticConventions.method(this.method));
		add(keyValues, HttpSemanticConventions.URL_SCHEME, this.scheme);
		add(keyValues, HttpSemanticConventions.RESPONSE_STATUS_CODE,
				(this.statusCode != null) ? this.statusCode.toString() : null);
		add(keyValues, HttpSemanticConventions.ROUTE, route());
		add(keyValues, HttpSemanticConventions.ERROR_TYPE,
				HttpSemanticConventions.errorType(this.error, this.statusCode, false));
		add(keyValues, HttpSemanticConventions.NETWORK_PROTOCOL_VERSION,
				HttpSemanticConventions.protocolVersion(this.protocol));
		return KeyValues.of(keyValues);
	}

	KeyValues highCardinality() {
		List<KeyValue> keyValues = new ArrayList<>(9);
		add(keyValues, HttpSemanticConventions.URL_PATH, this.path);
		add(keyValues, HttpSemanticConventions.URL_QUERY,
				(this.query != null) ? HttpSemanticConventions.redactQuery(this.query) : null);
		if (!HttpSemanticConventions.isKnownMethod(this.method)) {
			add(keyValues, HttpSemanticConventions.REQUEST_METHOD_ORIGINAL, this.method);
		}
		add(keyValues, HttpSemanticConventions.SERVER_ADDRESS, this.serverAddress);
		add(keyValues, HttpSemanticConventions.SERVER_PORT, Integer.toString(this.serverPort));
		add(keyValues, HttpSemanticConventions.CLIENT_ADDRESS, this.clientAddress);
		add(keyValues, HttpSemanticConventions.NETWORK_PEER_ADDRESS, this.clientAddress);
		add(keyValues, HttpSemanticConventions.NETWORK_PEER_PORT,
				(this.clientPort != null) ? this.clientPort.toString() : null);
		add(keyValues, HttpSemanticConventions.USER_AGENT_ORIGINAL, this.userAgent);
		return KeyValues.of(keyValues);
	}

	// A mapping of the root path has an empty pattern
	private @Nullable String route() {
		if (this.pathPattern == null) {
			return null;
		}
		return this.pathPattern.isEmpty() ? "/" : this.pathPattern;
	}

	private static void add(List<KeyValue> keyValues, String key, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			keyValues.add(KeyValue.of(key, value));
		}
	}

}
