package io.github.correlation.conventions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * What the conventions say of one client request, whichever client sent it: the span name
 * ({@code {method}}), the low-cardinality key values (the span's and the meter's) and the
 * high-cardinality ones (the span's only).
 *
 * @param method the method, {@code null} if unknown
 * @param uri the absolute URI, {@code null} if unknown
 * @param statusCode the response's status code, {@code null} if none was received
 * @param error the exception the request ended with, {@code null} if none
 * @author Correlation contributors
 */
record ClientRequestAttributes(@Nullable String method, @Nullable URI uri, @Nullable Integer statusCode,
		@Nullable Throwable error) {

	String spanName() {
		return HttpSemanticConventions.spanNameMethod(this.method);
	}

	KeyValues lowCardinality() {
		List<KeyValue> keyValues = new ArrayList<>(5);
		add(keyValues, HttpSemanticConventions.REQUEST_METHOD, HttpSemanticConventions.method(this.method));
		if (this.uri != null) {
			add(keyValues, HttpSemanticConventions.SERVER_ADDRESS, this.uri.getHost());
			add(keyValues, HttpSemanticConventions.SERVER_PORT, Integer.toString(port(this.uri)));
		}
		add(keyValues, HttpSemanticConventions.RESPONSE_STATUS_CODE,
				(this.statusCode != null) ? this.statusCode.toString() : null);
		add(keyValues, HttpSemanticConventions.ERROR_TYPE,
				HttpSemanticConventions.errorType(this.error, this.statusCode, true));
		return KeyValues.of(keyValues);
	}

	KeyValues highCardinality() {
		List<KeyValue> keyValues = new ArrayList<>(2);
		if (this.uri != null) {
			add(keyValues, HttpSemanticConventions.URL_FULL, HttpSemanticConventions.redactUrl(this.uri.toString()));
		}
		if (!HttpSemanticConventions.isKnownMethod(this.method)) {
			add(keyValues, HttpSemanticConventions.REQUEST_METHOD_ORIGINAL, this.method);
		}
		return KeyValues.of(keyValues);
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static void add(List<KeyValue> keyValues, String key, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			keyValues.add(KeyValue.of(key, value));
		}
	}

}
