package io.github.correlation.edge;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.correlation.web.client.ClientHosts;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.reactive.function.client.ClientRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalPropagationTests {

	private static final TextMapSetter<Map<String, String>> SETTER = Map::put;

	@Test
	void aHostThatIsNotOursGetsWhatTheModeAllows() {
		assertThat(write(ExternalPropagation.Mode.TRACE_CONTEXT, "api.partner.example")).containsOnlyKeys("traceparent",
				"tracestate");
		assertThat(write(ExternalPropagation.Mode.NONE, "api.partner.example")).isEmpty();
		assertThat(write(ExternalPropagation.Mode.ALL, "api.partner.example")).hasSize(5);
	}

	@Test
	void ourHostsAndCarriersThatAreNotHttpRequestsGetEverything() {
		assertThat(write(ExternalPropagation.Mode.NONE, "orders")).hasSize(5);
		assertThat(write(ExternalPropagation.Mode.NONE, "payments.shop.svc.cluster.local")).hasSize(5);
		assertThat(write(ExternalPropagation.Mode.NONE, "LOCALHOST")).hasSize(5);
		assertThat(write(ExternalPropagation.Mode.NONE, null)).hasSize(5);
	}

	@Test
	void anHttpRequestWithoutAHostIsNotOneOfOurs() {
		assertThat(write(ExternalPropagation.Mode.NONE, "")).isEmpty();
		assertThat(ClientHosts.hostOf(ClientRequest.create(HttpMethod.GET, URI.create("/relative")))).isEmpty();
	}

	@Test
	void withoutInternalHostsEveryCallIsInternal() {
		ExternalPropagation none = new ExternalPropagation(List.of(), ExternalPropagation.Mode.NONE, (carrier) -> "x");
		Map<String, String> carrier = new HashMap<>();
		none.filter(carrier, SETTER).set(carrier, "baggage", "a=b");
		assertThat(carrier).containsKey("baggage");
	}

	@Test
	void findsTheHostOfWebClientAndRestClientRequestsThroughTheirPublicApi() throws Exception {
		ClientRequest.Builder webClient = ClientRequest.create(HttpMethod.GET,
				URI.create("https://api.partner.example/x"));
		assertThat(ClientHosts.hostOf(webClient)).isEqualTo("api.partner.example");
		assertThat(webClient.build().url()).as("the builder is left as it was")
			.isEqualTo(URI.create("https://api.partner.example/x"));
		ClientHttpRequest restClient = new SimpleClientHttpRequestFactory()
			.createRequest(URI.create("http://orders:8081/orders"), HttpMethod.POST);
		assertThat(ClientHosts.hostOf(restClient)).isEqualTo("orders");
		assertThat(ClientHosts.hostOf(new Object())).isNull();
	}

	private static Map<String, String> write(ExternalPropagation.Mode mode, String host) {
		ExternalPropagation policy = new ExternalPropagation(List.of("orders", "*.svc.cluster.local", "localhost"),
				mode, (carrier) -> host);
		Map<String, String> carrier = new HashMap<>();
		TextMapSetter<Map<String, String>> setter = policy.filter(carrier, SETTER);
		setter.set(carrier, "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		setter.set(carrier, "tracestate", "vendor=value");
		setter.set(carrier, "baggage", "user_id=admin");
		setter.set(carrier, "user_id", "admin");
		setter.set(carrier, "X-Request-Id", "lb-1");
		return carrier;
	}

}
