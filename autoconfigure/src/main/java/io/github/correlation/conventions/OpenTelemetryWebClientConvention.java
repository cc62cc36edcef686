package io.github.correlation.conventions;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * The OpenTelemetry semantic conventions for the client observation of {@code WebClient}
 * and the {@code @HttpExchange} clients on it: the same observation, span name and key
 * values as {@link OpenTelemetryClientConvention}. A request the caller cancelled is no
 * error, as the conventions say.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see HttpSemanticConventions
 */
public final class OpenTelemetryWebClientConvention extends ClientConvention<ClientRequestObservationContext>
		implements ClientRequestObservationConvention {

	@Override
	ClientRequestAttributes attributes(ClientRequestObservationContext context) {
		ClientRequest request = context.getRequest();
		ClientResponse response = context.getResponse();
		return new ClientRequestAttributes((request != null) ? request.method().name() : null,
				(request != null) ? request.url() : null, (response != null) ? response.statusCode().value() : null,
				context.isAborted() ? null : context.getError());
	}

}
