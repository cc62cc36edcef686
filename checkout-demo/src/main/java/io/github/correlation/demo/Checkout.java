package io.github.correlation.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One checkout sent to the gateway, and what came back.
 *
 * @param status the HTTP status
 * @param contentType the response content type
 * @param body the response body
 * @param traceId the trace id, from the body or the {@code traceresponse} header
 * @param traceResponse the {@code traceresponse} header
 * @param orderId the order id, if the response names one
 * @author Correlation contributors
 * @since 0.1.0
 */
public record Checkout(int status, String contentType, String body, @Nullable String traceId,
		@Nullable String traceResponse, @Nullable String orderId) {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Send a checkout.
	 * @param gatewayUrl the gateway's base URL
	 * @param token the bearer token
	 * @param customerId the customer
	 * @param cardNumber the card number
	 * @return the result
	 */
	public static Checkout send(String gatewayUrl, String token, String customerId, String cardNumber) {
		return send(gatewayUrl, token, customerId, cardNumber, Map.of());
	}

	/**
	 * Send one checkout with headers of the client's own, such as its trace context.
	 * @param gatewayUrl the gateway's base URL
	 * @param token the bearer token
	 * @param customerId the customer
	 * @param cardNumber the card number
	 * @param headers further request headers
	 * @return the answer
	 */
	public static Checkout send(String gatewayUrl, String token, String customerId, String cardNumber,
			Map<String, String> headers) {
		String body = json.writeValueAsString(Map.of("customerId", customerId, "items",
				java.util.List.of(Map.of("sku", "book-1", "quantity", 2)), "cardNumber", cardNumber));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/checkout"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		try {
			return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Checkout failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Checkout answer(HttpResponse<String> response) {
		String traceResponse = response.headers().firstValue("traceresponse").orElse(null);
		JsonNode answer = parse(response.body());
		String traceId = text(answer, "traceId");
		if (traceId == null && traceResponse != null && traceResponse.length() >= 35) {
			traceId = traceResponse.substring(3, 35);
		}
		return new Checkout(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.body(), traceId, traceResponse, text(answer, "orderId"));
	}

	private static @Nullable JsonNode parse(String body) {
		try {
			return json.readTree(body);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String text(@Nullable JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

}
