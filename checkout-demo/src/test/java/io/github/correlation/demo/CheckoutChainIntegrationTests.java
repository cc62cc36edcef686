package io.github.correlation.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.github.correlation.testkit.CorrelationAssertions;
import io.github.correlation.testkit.ReceivedSpan;
import io.github.correlation.testkit.Trace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkout chain end to end, without Docker: the three services as separate JVMs, a
 * real Kafka broker, and every span received over OTLP. One checkout is one trace across
 * gateway, orders and payments, with correct edges over HTTP and Kafka, no orphan, and
 * every log line about the checkout carrying its trace id.
 */
class CheckoutChainIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String SQL_ATTRIBUTE = "db.query.text";

	private static CheckoutChain chain;

	@BeforeAll
	static void start() {
		Path root = Path.of("..").toAbsolutePath().normalize();
		chain = CheckoutChain.start(root, CheckoutChain.Ports.free(), root.resolve("checkout-demo/target/e2e-logs"),
				null);
	}

	@AfterAll
	static void stop() {
		if (chain != null) {
			chain.close();
		}
	}

	@Test
	void aSuccessfulCheckoutIsOneTraceAcrossHttpAndKafka() {
		Checkout checkout = checkout(CheckoutScenario.SUCCESS, "c-success");
		assertThat(checkout.status()).isEqualTo(201);
		assertThat(checkout.body()).contains("\"status\":\"AUTHORIZED\"");
		Trace trace = awaitTrace(checkout, CheckoutScenario.SUCCESS);
		assertConnected(trace);
		assertHttpEdges(trace);
		ReceivedSpan placedSend = single(trace, "orders", "send orders.placed", "PRODUCER");
		ReceivedSpan placedProcess = single(trace, "payments", "orders.placed process", "CONSUMER");
		assertThat(placedProcess.parentSpanId()).isEqualTo(placedSend.spanId());
		ReceivedSpan capturedSend = single(trace, "payments", "payments.captured send", "PRODUCER");
		assertThat(isAncestor(trace, placedProcess, capturedSend)).isTrue();
		ReceivedSpan capturedProcess = single(trace, "orders", "process payments.captured", "CONSUMER");
		assertThat(capturedProcess.parentSpanId()).isEqualTo(capturedSend.spanId());
		assertThat(isAncestor(trace, capturedProcess, single(trace, "orders", "send confirmation", "INTERNAL")))
			.isTrue();
		assertSqlSpans(trace, capturedProcess);
		assertLogLinesCarryTheTrace(checkout, "c-success", Set.of("gateway", "orders", "payments"));
		assertLogRecordsArrivedOverOtlp(trace);
		assertBatchSpanLinksTo(capturedSend);
		assertTwoVocabularies(trace, placedSend, capturedSend);
	}

	@Test
	void aDeclinedCheckoutAnswersProblemJsonAndEveryServiceWarnsInTheSameTrace() {
		Checkout checkout = checkout(CheckoutScenario.DECLINED, "c-declined");
		assertThat(checkout.status()).isEqualTo(402);
		assertThat(checkout.contentType()).startsWith("application/problem+json");
		assertThat(checkout.body()).contains("\"traceId\":\"" + checkout.traceId() + "\"");
		Trace trace = awaitTrace(checkout, CheckoutScenario.DECLINED);
		assertConnected(trace);
		assertHttpEdges(trace);
		assertThat(trace.spansNamed("send orders.placed")).isEmpty();
		List<ServiceLogs.Line> warnings = ServiceLogs.read(chain.services())
			.stream()
			.filter((line) -> Set.of("WARN", "ERROR").contains(line.level()))
			.filter((line) -> line.message().contains(checkout.orderId()) || line.message().contains("c-declined"))
			.toList();
		assertThat(warnings).extracting(ServiceLogs.Line::service)
			.containsExactlyInAnyOrder("gateway", "orders", "payments");
		assertThat(warnings)
			.allSatisfy((line) -> assertThat(line.fields()).containsEntry("trace_id", checkout.traceId()));
		assertLogLinesCarryTheTrace(checkout, "c-declined", Set.of("gateway", "orders", "payments"));
		assertLogRecordsArrivedOverOtlp(trace);
		CorrelationAssertions.assertThat(single(trace, "payments", "http post /payments/authorize", "SERVER"))
			.hasEvent("log", Map.of("log.severity", "WARN", "log.message",
					"card ****0002 declined for order " + checkout.orderId()));
		assertThat(chain.receiver().logRecords(checkout.traceId()))
			.filteredOn((record) -> record.severityText().equals("WARN") && record.serviceName().equals("payments"))
			.singleElement()
			.satisfies((record) -> CorrelationAssertions.assertThat(record)
				.wasWrittenIn(single(trace, "payments", "http post /payments/authorize", "SERVER")));
	}

	@Test
	void aSlowCardShowsAsTheSlowHop() {
		Checkout checkout = checkout(CheckoutScenario.SLOW, "c-slow");
		assertThat(checkout.status()).isEqualTo(201);
		Trace trace = awaitTrace(checkout, CheckoutScenario.SLOW);
		assertConnected(trace);
		ReceivedSpan authorize = single(trace, "payments", "http post /payments/authorize", "SERVER");
		assertThat(authorize.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(700));
		assertThat(trace.spans()).as("spans outside the path to the slow hop")
			.filteredOn((span) -> !isAncestor(trace, span, authorize))
			.allSatisfy((span) -> assertThat(span.duration()).isLessThan(authorize.duration()));
		assertLogLinesCarryTheTrace(checkout, "c-slow", Set.of("gateway", "orders", "payments"));
	}

	@Test
	void aCheckoutWithoutATokenIsRejectedWithATraceresponse() {
		Checkout checkout = Checkout.send(chain.gatewayUrl(), "not-a-demo-token", "c-nobody",
				CheckoutScenario.SUCCESS.cardNumber());
		assertThat(checkout.status()).isEqualTo(401);
		assertThat(checkout.traceResponse()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[13]");
		assertThat(checkout.body()).contains(checkout.traceId());
	}

	@Test
	void aClientsOwnTraceIsRestartedAtTheGatewayAndItsBaggageStaysOut() {
		UntrustedClient client = UntrustedClient.create();
		Checkout checkout = Checkout.send(chain.gatewayUrl(), "demo-e2e", "c-outside",
				CheckoutScenario.SUCCESS.cardNumber(), client.headers());
		assertThat(checkout.status()).isEqualTo(201);
		assertThat(checkout.traceResponse()).doesNotContain(client.traceId());
		Trace trace = awaitTrace(checkout, CheckoutScenario.SUCCESS);
		assertConnected(trace);
		UntrustedClient.Verdict verdict = client.verdict(checkout, trace,
				ServiceLogs.withTrace(chain.services(), checkout.traceId()));
		assertThat(verdict.restarted()).isTrue();
		assertThat(verdict.linked()).as("root links to the client's trace in%n%s", trace.waterfall()).isTrue();
		assertThat(verdict.leaked()).isZero();
		assertThat(ServiceLogs.read(chain.services()))
			.noneMatch((line) -> client.traceId().equals(line.fields().get("trace_id")));
	}

	@Test
	void twentyConcurrentCheckoutsNeverShareIds() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(8);
		List<Future<Checkout>> futures = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String customer = String.format("c-concurrent-%02d", i);
			futures.add(clients.submit(() -> checkout(CheckoutScenario.SUCCESS, customer)));
		}
		List<Checkout> checkouts = new ArrayList<>();
		for (Future<Checkout> future : futures) {
			checkouts.add(future.get());
		}
		clients.shutdown();
		assertThat(checkouts).allSatisfy((checkout) -> assertThat(checkout.status()).isEqualTo(201));
		assertThat(checkouts.stream().map(Checkout::traceId).collect(Collectors.toSet())).hasSize(20);
		for (Checkout checkout : checkouts) {
			Trace trace = awaitTrace(checkout, CheckoutScenario.SUCCESS);
			assertConnected(trace);
			assertHttpEdges(trace);
		}
		int mismatches = 0;
		Map<String, String> traceByOrder = checkouts.stream()
			.collect(Collectors.toMap(Checkout::orderId, Checkout::traceId));
		for (ServiceLogs.Line line : ServiceLogs.read(chain.services())) {
			for (Map.Entry<String, String> order : traceByOrder.entrySet()) {
				if (line.message().contains(order.getKey())
						&& !order.getValue().equals(line.fields().get("trace_id"))) {
					mismatches++;
				}
			}
		}
		assertThat(mismatches).as("log lines about one checkout that carry another trace").isZero();
		for (ServiceProcess service : chain.services()) {
			ServiceAudit audit = ServiceAudit.read(service);
			assertThat(audit.isClean()).as("%s%n%s", audit.line(), audit.findings()).isTrue();
		}
	}

	private static Checkout checkout(CheckoutScenario scenario, String customerId) {
		Checkout checkout = Checkout.send(chain.gatewayUrl(), "demo-e2e", customerId, scenario.cardNumber());
		assertThat(checkout.traceId()).as(checkout.body()).isNotNull();
		assertThat(checkout.traceResponse()).startsWith("00-" + checkout.traceId() + "-");
		return checkout;
	}

	private static Trace awaitTrace(Checkout checkout, CheckoutScenario scenario) {
		return chain.receiver().awaitTrace(checkout.traceId(), scenario::isComplete, TIMEOUT);
	}

	private static void assertConnected(Trace trace) {
		CorrelationAssertions.assertThat(trace)
			.hasSingleRoot()
			.hasNoOrphans()
			.spansExactlyServices("gateway", "orders", "payments")
			.hasSpanWithParentInAnotherService("POST /orders", "gateway");
		assertThat(trace.roots()).singleElement().satisfies((root) -> {
			assertThat(root.serviceName()).isEqualTo("gateway");
			assertThat(root.kind()).isEqualTo("SERVER");
			assertThat(root.name()).isEqualTo("http post /api/checkout");
		});
	}

	private static void assertHttpEdges(Trace trace) {
		ReceivedSpan root = trace.roots().get(0);
		assertThat(trace.spansNamed("verify token")).singleElement()
			.satisfies((verify) -> assertThat(verify.parentSpanId()).isEqualTo(root.spanId()));
		ReceivedSpan orders = single(trace, "orders", "POST /orders", "SERVER");
		ReceivedSpan ordersCall = trace.parent(orders).orElseThrow();
		assertThat(ordersCall.serviceName()).isEqualTo("gateway");
		assertThat(ordersCall.kind()).isEqualTo("CLIENT");
		ReceivedSpan payments = single(trace, "payments", "http post /payments/authorize", "SERVER");
		ReceivedSpan paymentsCall = trace.parent(payments).orElseThrow();
		assertThat(paymentsCall.serviceName()).isEqualTo("orders");
		assertThat(paymentsCall.kind()).isEqualTo("CLIENT");
		assertThat(isAncestor(trace, orders, paymentsCall)).isTrue();
	}

	private static void assertSqlSpans(Trace trace, ReceivedSpan capturedProcess) {
		ReceivedSpan placeOrder = single(trace, "orders", "POST /orders", "SERVER");
		List<ReceivedSpan> queries = trace.spans()
			.stream()
			.filter((span) -> span.attributes().containsKey(SQL_ATTRIBUTE))
			.toList();
		assertThat(queries).as("query spans in\n%s", trace.waterfall())
			.allSatisfy((query) -> assertThat(query.serviceName()).isEqualTo("orders"))
			.allSatisfy((query) -> assertThat(query.kind()).isEqualTo("CLIENT"));
		assertThat(queries)
			.filteredOn((query) -> query.attributes().getOrDefault(SQL_ATTRIBUTE, "").startsWith("insert into orders "))
			.singleElement()
			.satisfies((insert) -> assertThat(insert.parentSpanId()).isEqualTo(placeOrder.spanId()));
		List<ReceivedSpan> updates = queries.stream()
			.filter((query) -> "update orders set status = ? where id = ?"
				.equals(query.attributes().get(SQL_ATTRIBUTE)))
			.toList();
		assertThat(updates).as("status updates in\n%s", trace.waterfall()).hasSize(2);
		assertThat(updates).anySatisfy((update) -> assertThat(update.parentSpanId()).isEqualTo(placeOrder.spanId()));
		assertThat(updates).anySatisfy((update) -> assertThat(isAncestor(trace, capturedProcess, update)).isTrue());
	}

	// Orders runs with correlation.conventions=opentelemetry, gateway and payments
	// without
	private static void assertTwoVocabularies(Trace trace, ReceivedSpan placedSend, ReceivedSpan capturedSend) {
		assertThat(Vocabularies.of(trace).missing()).isEmpty();
		assertThat(trace.roots().get(0).attributes()).containsEntry("method", "POST")
			.containsEntry("uri", "/api/checkout")
			.doesNotContainKey("http.request.method");
		assertThat(single(trace, "orders", "POST /orders", "SERVER").attributes())
			.containsEntry("http.request.method", "POST")
			.containsEntry("http.route", "/orders")
			.containsEntry("http.response.status_code", "201")
			.doesNotContainKeys("method", "uri");
		assertThat(placedSend.attributes()).containsEntry("messaging.operation.name", "send")
			.containsEntry("messaging.destination.name", "orders.placed")
			.doesNotContainKey("messaging.operation");
		assertThat(capturedSend.attributes()).containsEntry("messaging.operation", "publish")
			.doesNotContainKey("messaging.operation.name");
		assertThat(trace.spans()).filteredOn((span) -> span.attributes().containsKey(SQL_ATTRIBUTE))
			.allSatisfy((query) -> assertThat(query.attributes()).containsEntry("db.system.name", "h2database"))
			.extracting(ReceivedSpan::name)
			.contains("insert orders", "update orders");
	}

	private static void assertLogLinesCarryTheTrace(Checkout checkout, String customerId, Set<String> services) {
		List<ServiceLogs.Line> about = ServiceLogs.read(chain.services())
			.stream()
			.filter((line) -> line.message().contains(customerId)
					|| (checkout.orderId() != null && line.message().contains(checkout.orderId())))
			.toList();
		assertThat(about).as("log lines about order %s", checkout.orderId()).isNotEmpty();
		assertThat(about).extracting(ServiceLogs.Line::service).containsAll(services);
		assertThat(about).allSatisfy((line) -> assertThat(line.fields()).as(line.raw())
			.containsEntry("trace_id", checkout.traceId())
			.containsKey("span_id"));
		assertThat(ServiceLogs.withTrace(chain.services(), checkout.traceId())).extracting(ServiceLogs.Line::service)
			.containsAll(services);
	}

	// Every JSON line of the trace also left over OTLP, once, as a record of one of the
	// trace's spans
	private static void assertLogRecordsArrivedOverOtlp(Trace trace) {
		OtlpLogTally tally = OtlpLogTally.await(chain.receiver(), chain.services(), trace.traceId(), TIMEOUT);
		assertThat(tally.isComplete()).as(tally.line()).isTrue();
		assertThat(tally.records()).containsOnlyKeys("gateway", "orders", "payments");
		Set<String> spanIds = trace.spans().stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
		assertThat(chain.receiver().logRecords(trace.traceId()))
			.allSatisfy((record) -> assertThat(spanIds).as("span of %s", record).contains(record.spanId()));
	}

	private static void assertBatchSpanLinksTo(ReceivedSpan capturedSend) {
		Trace batch = chain.receiver()
			.traceIds()
			.stream()
			.map((traceId) -> chain.receiver().trace(traceId))
			.filter((trace) -> trace.spans()
				.stream()
				.anyMatch((span) -> span.name().equals("receive payments.captured")
						&& span.links().stream().anyMatch((link) -> link.spanId().equals(capturedSend.spanId()))))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No batch span links to " + capturedSend));
		assertThat(batch.roots()).singleElement()
			.satisfies((root) -> assertThat(root.serviceName()).isEqualTo("orders"));
	}

	private static ReceivedSpan single(Trace trace, String service, String name, String kind) {
		List<ReceivedSpan> spans = trace.spans()
			.stream()
			.filter((span) -> span.serviceName().equals(service) && span.name().equals(name)
					&& span.kind().equals(kind))
			.toList();
		assertThat(spans).as("%s %s %s in\n%s", service, kind, name, trace.waterfall()).hasSize(1);
		return spans.get(0);
	}

	private static boolean isAncestor(Trace trace, ReceivedSpan ancestor, ReceivedSpan span) {
		ReceivedSpan current = span;
		while (current != null) {
			if (current.spanId().equals(ancestor.spanId())) {
				return true;
			}
			current = trace.parent(current).orElse(null);
		}
		return false;
	}

}
