package io.github.correlation.conventions;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.ClientRequestObservationConvention;

/**
 * The OpenTelemetry semantic conventions for the client observation of
 * {@code RestClient}, {@code RestTemplate} and the {@code @HttpExchange} clients on them
 * (Spring Framework 7.0 ships none): the observation
 * {@code http.client.request.duration}, spans named {@code {method}}, the attributes of
 * an HTTP client span in the conventions' v1.41.0 that a client knows.
 * <p>
 * The low-cardinality key values, the tags of the {@code http.client.request.duration}
 * timer too, are the metric's required and conditionally required attributes:
 * {@code http.request.method}, {@code server.address}, {@code server.port},
 * {@code http.response.status_code} and {@code error.type}. The high-cardinality ones are
 * on the span only: {@code url.full}, with credentials and secret query parameters
 * redacted, and {@code http.request.method_original}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see HttpSemanticConventions
 */
public final class OpenTelemetryClientConvention extends ClientConvention<ClientRequestObservationContext>
		implements ClientRequestObservationConvention {

	@Override
	ClientRequestAttributes attributes(ClientRequestObservationContext context) {
		ClientHttpRequest request = context.getCarrier();
		return new ClientRequestAttributes((request != null) ? request.getMethod().name() : null,
				(request != null) ? request.getURI() : null, statusCode(context.getResponse()), context.getError());
	}

	private static @Nullable Integer statusCode(@Nullable ClientHttpResponse response) {
		if (response == null) {
			return null;
		}
		try {
			return response.getStatusCode().value();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
