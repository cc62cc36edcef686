package io.github.correlation.conventions;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.web.ErrorResponse;

/**
 * The attribute keys and value rules of the stable OpenTelemetry HTTP semantic
 * conventions, specification v1.41.0 (<a href=
 * "https://github.com/open-telemetry/semantic-conventions/blob/v1.41.0/docs/http/http-spans.md">HTTP
 * spans</a>, <a href=
 * "https://github.com/open-telemetry/semantic-conventions/blob/v1.41.0/docs/http/http-metrics.md">HTTP
 * metrics</a>), shared by the server and client conventions.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class HttpSemanticConventions {

	/**
	 * The specification version the conventions follow.
	 */
	public static final String VERSION = "1.41.0";

	/**
	 * {@code http.request.method}: a known method, or {@value #OTHER_METHOD}.
	 */
	public static final String REQUEST_METHOD = "http.request.method";

	/**
	 * {@code http.request.method_original}: the method as sent, where it is not a known
	 * one.
	 */
	public static final String REQUEST_METHOD_ORIGINAL = "http.request.method_original";

	/**
	 * {@code http.response.status_code}.
	 */
	public static final String RESPONSE_STATUS_CODE = "http.response.status_code";

	/**
	 * {@code http.route}: the matched route template of a server request.
	 */
	public static final String ROUTE = "http.route";

	/**
	 * {@code error.type}: the class of error a request ended with.
	 */
	public static final String ERROR_TYPE = "error.type";

	/**
	 * {@code url.scheme}.
	 */
	public static final String URL_SCHEME = "url.scheme";

	/**
	 * {@code url.path}.
	 */
	public static final String URL_PATH = "url.path";

	/**
	 * {@code url.query}.
	 */
	public static final String URL_QUERY = "url.query";

	/**
	 * {@code url.full}: the absolute URL of a client request.
	 */
	public static final String URL_FULL = "url.full";

	/**
	 * {@code server.address}.
	 */
	public static final String SERVER_ADDRESS = "server.address";

	/**
	 * {@code server.port}.
	 */
	public static final String SERVER_PORT = "server.port";

	/**
	 * {@code client.address}.
	 */
	public static final String CLIENT_ADDRESS = "client.address";

	/**
	 * {@code network.peer.address}.
	 */
	public static final String NETWORK_PEER_ADDRESS = "network.peer.address";

	/**
	 * {@code network.peer.port}.
	 */
	public static final String NETWORK_PEER_PORT = "network.peer.port";

	/**
	 * {@code network.protocol.version}.
	 */
	public static final String NETWORK_PROTOCOL_VERSION = "network.protocol.version";

	/**
	 * {@code user_agent.original}.
	 */
	public static final String USER_AGENT_ORIGINAL = "user_agent.original";

	/**
	 * The value of {@code http.request.method} for a method that is not known.
	 */
	public static final String OTHER_METHOD = "_OTHER";

	/**
	 * The attributes whose value type is an integer; Micrometer's observations carry
	 * strings.
	 */
	public static final Set<String> INTEGER_ATTRIBUTES = Set.of(RESPONSE_STATUS_CODE, SERVER_PORT, NETWORK_PEER_PORT,
			"client.port", "network.local.port", "http.request.resend_count");

	// RFC 9110, RFC 5789 (PATCH) and the QUERY method
	private static final Set<String> KNOWN_METHODS = Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH",
			"POST", "PUT", "TRACE", "QUERY");

	private static final Pattern SENSITIVE_QUERY_PARAMETER = Pattern
		.compile("(^|&)(AWSAccessKeyId|Signature|sig|X-Goog-Signature)=([^&]*)");

	private static final Pattern CREDENTIALS = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@]*@");

	private HttpSemanticConventions() {
	}

	/**
	 * The value of {@code http.request.method}: the method if it is known, otherwise
	 * {@value #OTHER_METHOD}.
	 * @param method the method as sent, or {@code null}
	 * @return the attribute's value
	 */
	public static String method(@Nullable String method) {
		return isKnownMethod(method) ? method : OTHER_METHOD;
	}

	/**
	 * Whether the method is one the conventions know, so that no
	 * {@code http.request.method_original} is needed.
	 * @param method the method as sent
	 * @return whether it is known
	 */
	public static boolean isKnownMethod(@Nullable String method) {
		return method != null && KNOWN_METHODS.contains(method);
	}

	/**
	 * The {@code {method}} of a span name: the method if it is known, otherwise
	 * {@code HTTP}.
	 * @param method the method as sent, or {@code null}
	 * @return the method part of the span name
	 */
	public static String spanNameMethod(@Nullable String method) {
		return isKnownMethod(method) ? method : "HTTP";
	}

	/**
	 * The value of {@code network.protocol.version} from a request's protocol, such as
	 * {@code HTTP/1.1} or {@code HTTP/2.0}.
	 * @param protocol the protocol, or {@code null}
	 * @return {@code 1.0}, {@code 1.1}, {@code 2}, {@code 3}, or {@code null} if unknown
	 */
	public static @Nullable String protocolVersion(@Nullable String protocol) {
		if (protocol == null) {
			return null;
		}
		String upper = protocol.toUpperCase(Locale.ROOT);
		if (!upper.startsWith("HTTP/") || upper.length() == 5) {
			return null;
		}
		String version = upper.substring(5);
		boolean majorOnly = version.endsWith(".0") && !version.equals("1.0");
		return majorOnly ? version.substring(0, version.length() - 2) : version;
	}

	/**
	 * The value of {@code error.type}: the exception's class name, or the status code of
	 * a response that is an error; {@code null} if the request did not end with an error.
	 * Servers treat 5xx as errors, clients 4xx and 5xx.
	 * @param error the exception the request ended with, or {@code null}
	 * @param statusCode the response's status code, or {@code null} if there was none
	 * @param client whether the request is a client's
	 * @return the attribute's value, or {@code null}
	 */
	public static @Nullable String errorType(@Nullable Throwable error, @Nullable Integer statusCode, boolean client) {
		if (error != null && !(error instanceof ErrorResponse response && isClientError(response, client))) {
			return error.getClass().getName();
		}
		if (statusCode != null && (statusCode >= 500 || (client && statusCode >= 400))) {
			return Integer.toString(statusCode);
		}
		return null;
	}

	// A framework exception that answers a client error (a ResponseStatusException with
	// 404 when nothing is mapped) is how a server says 4xx, not a failure of the server
	private static boolean isClientError(ErrorResponse response, boolean client) {
		return !client && response.getStatusCode().is4xxClientError();
	}

	/**
	 * A query string with the values of the parameters the conventions name as sensitive
	 * replaced by {@code REDACTED}.
	 * @param query the query string, without {@code ?}
	 * @return the query with sensitive values redacted
	 */
	public static String redactQuery(String query) {
		Matcher matcher = SENSITIVE_QUERY_PARAMETER.matcher(query);
		return matcher.find() ? matcher.replaceAll("$1$2=REDACTED") : query;
	}

	/**
	 * An absolute URL with credentials and the sensitive query parameter values redacted.
	 * @param url the URL
	 * @return the URL, safe to record
	 */
	public static String redactUrl(String url) {
		String withoutCredentials = CREDENTIALS.matcher(url).replaceFirst("$1REDACTED:REDACTED@");
		int query = withoutCredentials.indexOf('?');
		if (query < 0) {
			return withoutCredentials;
		}
		int fragment = withoutCredentials.indexOf('#', query);
		String queryString = (fragment < 0) ? withoutCredentials.substring(query + 1)
				: withoutCredentials.substring(query + 1, fragment);
		String rest = (fragment < 0) ? "" : withoutCredentials.substring(fragment);
		return withoutCredentials.substring(0, query + 1) + redactQuery(queryString) + rest;
	}

}
