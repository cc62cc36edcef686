package io.github.correlation.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same chain against real Kafka and Jaeger containers, reading the trace back from
 * Jaeger's query API. Skipped where there is no Docker engine;
 * {@link CheckoutChainIntegrationTests} proves the same behaviour without one.
 */
@Testcontainers(disabledWithoutDocker = true)
class CheckoutChainContainersIntegrationTests {

	@Container
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.2.1");

	@Container
	static final GenericContainer<?> jaeger = new GenericContainer<>("jaegertracing/jaeger:2.20.0")
		.withExposedPorts(4318, 16686, 13133)
		.waitingFor(Wait.forHttp("/status").forPort(13133));

	private static List<ServiceProcess> services = new ArrayList<>();

	@BeforeAll
	static void start() {
		Path root = Path.of("..").toAbsolutePath().normalize();
		String otlp = "http://" + jaeger.getHost() + ":" + jaeger.getMappedPort(4318) + "/v1/traces";
		services = CheckoutChain.startServices(root, CheckoutChain.Ports.free(),
				root.resolve("checkout-demo/target/containers-logs"), kafka.getBootstrapServers(), otlp, null);
	}

	@AfterAll
	static void stop() {
		services.forEach(ServiceProcess::close);
	}

	@Test
	void jaegerShowsOneConnectedTraceAcrossTheThreeServices() {
		String gateway = services.stream()
			.filter((s) -> s.name().equals("gateway"))
			.findFirst()
			.orElseThrow()
			.baseUrl();
		Checkout checkout = Checkout.send(gateway, "demo-containers", "c-containers",
				CheckoutScenario.SUCCESS.cardNumber());
		assertThat(checkout.status()).isEqualTo(201);
		JsonNode trace = Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> jaegerTrace(checkout.traceId()),
					(node) -> node != null && services(node).size() == 3 && names(node).contains("send confirmation"));
		Set<String> spanIds = new HashSet<>();
		trace.get("spans").forEach((span) -> spanIds.add(span.get("spanID").asString()));
		int roots = 0;
		for (JsonNode span : trace.get("spans")) {
			List<JsonNode> parents = new ArrayList<>();
			span.get("references").forEach((reference) -> {
				if ("CHILD_OF".equals(reference.get("refType").asString())) {
					parents.add(reference);
				}
			});
			if (parents.isEmpty()) {
				roots++;
			}
			parents.forEach((parent) -> assertThat(spanIds).contains(parent.get("spanID").asString()));
		}
		assertThat(roots).isEqualTo(1);
	}

	private static JsonNode jaegerTrace(String traceId) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create(
						"http://" + jaeger.getHost() + ":" + jaeger.getMappedPort(16686) + "/api/traces/" + traceId))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			return null;
		}
		JsonNode data = JsonMapper.builder().build().readTree(response.body()).get("data");
		return (data != null && data.size() > 0) ? data.get(0) : null;
	}

	private static Set<String> services(JsonNode trace) {
		Map<String, String> processes = new HashMap<>();
		trace.get("processes")
			.properties()
			.forEach((entry) -> processes.put(entry.getKey(), entry.getValue().get("serviceName").asString()));
		Set<String> services = new HashSet<>();
		trace.get("spans").forEach((span) -> services.add(processes.get(span.get("processID").asString())));
		return services;
	}

	private static Set<String> names(JsonNode trace) {
		Set<String> names = new HashSet<>();
		trace.get("spans").forEach((span) -> names.add(span.get("operationName").asString()));
		return names;
	}

}
