package com.acme.orders;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.correlation.audit.ContextAudit;
import io.github.correlation.audit.CorrelationReport;
import io.github.correlation.audit.CorrelationReport.ContextLoss;
import io.github.correlation.audit.CorrelationReport.MissingContext;
import io.github.correlation.test.EmbeddedKafka;
import io.github.correlation.test.SpanCapture;
import io.github.correlation.test.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hops broken on purpose, in a real application: the audit names the method, the thread
 * and the hop, in the WARN line, the counters and {@code /actuator/correlation}.
 */
@ExtendWith(OutputCaptureExtension.class)
class PropagationAuditIntegrationTests {

	private static final Class<?>[] SOURCES = { BrokenHopsApplication.class, SpanCapture.class };

	@AutoClose
	private static final ConfigurableApplicationContext payments = TestApplication.run(SOURCES,
			"spring.application.name=payments", "correlation.audit.internal=true",
			"management.endpoints.web.exposure.include=correlation",
			"spring.kafka.bootstrap-servers=" + EmbeddedKafka.bootstrapServers());

	@AutoClose
	private static final ConfigurableApplicationContext orders = TestApplication.run(SOURCES,
			"spring.application.name=orders", "management.endpoints.web.exposure.include=correlation",
			"test.kafka=true", "spring.kafka.consumer.auto-offset-reset=earliest",
			"spring.kafka.bootstrap-servers=" + EmbeddedKafka.bootstrapServers());

	private final RestClient http = RestClient.create();

	@BeforeEach
	void resetAudits() {
		for (ConfigurableApplicationContext context : List.of(payments, orders)) {
			this.http.delete().uri(url(context, "/actuator/correlation")).retrieve().toBodilessEntity();
		}
	}

	@Test
	void anExecutorCreatedInlineIsNamedWithItsMethodAndThread(CapturedOutput output) {
		get(orders, "/inline-executor?url=" + url(payments, "/internal/1"));
		ContextLoss loss = singleLoss(orders);
		assertThat(loss.kind()).isEqualTo("client");
		assertThat(loss.span()).isEqualTo("http get");
		assertThat(loss.thread()).matches("pool-\\d+-thread-1");
		assertThat(loss.site()).startsWith("com.acme.orders.BrokenHopsApplication$Hops.lambda$inlineExecutor$")
			.contains("(BrokenHopsApplication.java:");
		assertThat(output).contains("WARN")
			.contains("context lost: client span 'http get' started without a parent on thread '" + loss.thread()
					+ "' at " + loss.site()
					+ " - hand the work to an executor bean, or wrap it with TaskContext.wrap(...)");
		assertThat(counter(orders, ContextAudit.LOST_METER, "kind", "client", "span", "http get")).isPositive();
		assertThat(report(payments).missingContext()).isEmpty();
	}

	@Test
	void aNewThreadIsNamedAndItsLogLinesAreUncorrelated() {
		get(orders, "/new-thread?url=" + url(payments, "/internal/2"));
		ContextLoss loss = singleLoss(orders);
		assertThat(loss.thread()).isEqualTo("orders-notifier");
		assertThat(loss.site()).startsWith("com.acme.orders.BrokenHopsApplication$Hops.lambda$newThread$");
		assertThat(report(orders).uncorrelatedLogs())
			.anySatisfy((logs) -> assertThat(logs.logger()).isEqualTo(BrokenHopsApplication.Hops.class.getName()));
		assertThat(
				counter(orders, ContextAudit.UNCORRELATED_METER, "logger", BrokenHopsApplication.Hops.class.getName()))
			.isPositive();
	}

	@Test
	void aClientBuiltInAMethodIsReportedByTheInternalServiceItCalls(CapturedOutput output) {
		get(orders, "/method-client?url=" + url(payments, "/internal/3"));
		assertThat(report(orders).contextLosses()).isEmpty();
		List<MissingContext> missing = report(payments).missingContext();
		assertThat(missing).singleElement().satisfies((hop) -> {
			assertThat(hop.boundary()).isEqualTo("http.server");
			assertThat(hop.target()).isEqualTo("/internal/{id}");
			assertThat(hop.message()).contains("arrived without traceparent from 127.0.0.1");
		});
		assertThat(output).contains("hop without context: http.server request to '/internal/{id}'");
		assertThat(counter(payments, ContextAudit.MISSING_METER, "boundary", "http.server", "uri", "/internal/{id}"))
			.isOne();
	}

	@Test
	void aPropagatedHopLeavesBothAuditsClean() {
		get(orders, "/propagated?url=" + url(payments, "/internal/4"));
		for (ConfigurableApplicationContext context : List.of(orders, payments)) {
			CorrelationReport.Report report = report(context);
			assertThat(report.getSummary()).as("%s", report)
				.containsEntry("contextLosses", 0L)
				.containsEntry("hopsWithoutContext", 0L);
			// Applications in one JVM share Logback's root logger: only this
			// application's
			// loggers are its own.
			assertThat(report.uncorrelatedLogs()).as("%s", report)
				.noneMatch((logs) -> logs.logger().startsWith("com.acme."));
		}
	}

	@Test
	void aRecordSentFromAThreadOfItsOwnIsALostProducerContext() {
		get(orders, "/detached-send?topic=partner-events");
		ContextLoss loss = singleLoss(orders);
		assertThat(loss.kind()).isEqualTo("producer");
		assertThat(loss.span()).isEqualTo("partner-events send");
		assertThat(loss.site()).startsWith("com.acme.orders.BrokenHopsApplication$Hops.lambda$detachedSend$");
	}

	@Test
	void recordsWithoutTraceHeadersAreCountedPerTopic() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>("partner-events", "from a partner"));
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(report(orders).missingContext()).anySatisfy((hop) -> {
				assertThat(hop.boundary()).isEqualTo("kafka.consumer");
				assertThat(hop.tag()).isEqualTo("topic");
				assertThat(hop.target()).isEqualTo("partner-events");
			}));
		assertThat(report(orders).contextLosses()).isEmpty();
	}

	@Test
	void scheduledRunsStartTracesAndAreNotLosses() {
		InMemorySpanExporter spans = orders.getBean(InMemorySpanExporter.class);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> spans.getFinishedSpanItems()
				.stream()
				.anyMatch((span) -> span.getName().startsWith("task ") && !span.getParentSpanContext().isValid()));
		assertThat(report(orders).contextLosses()).isEmpty();
	}

	@Test
	void theEndpointListsTheBoundariesAndResets() {
		get(orders, "/inline-executor?url=" + url(payments, "/internal/5"));
		Map<String, Object> json = JsonParserFactory.getJsonParser()
			.parseMap(this.http.get().uri(url(orders, "/actuator/correlation")).retrieve().body(String.class));
		assertThat(json).containsKeys("boundaries", "contextLosses", "missingContext", "uncorrelatedLogs",
				"startupRoots", "summary");
		assertThat(json.get("boundaries").toString()).contains("http.server", "correlationObservationFilter",
				"kafka.producer", "kafkaTemplate", "kafka.consumer", "task", "applicationTaskExecutor");
		assertThat(json.get("summary").toString()).contains("contextLosses=1");
		this.http.delete().uri(url(orders, "/actuator/correlation")).retrieve().toBodilessEntity();
		assertThat(report(orders).isClean()).isTrue();
	}

	private String get(ConfigurableApplicationContext context, String path) {
		return this.http.get().uri(url(context, path)).retrieve().body(String.class);
	}

	private static String url(ConfigurableApplicationContext context, String path) {
		return "http://127.0.0.1:" + TestApplication.port(context) + path;
	}

	private static CorrelationReport.Report report(ConfigurableApplicationContext context) {
		return context.getBean(CorrelationReport.class).report();
	}

	private static ContextLoss singleLoss(ConfigurableApplicationContext context) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !report(context).contextLosses().isEmpty());
		List<ContextLoss> losses = report(context).contextLosses();
		assertThat(losses).hasSize(1);
		return losses.get(0);
	}

	private static double counter(ConfigurableApplicationContext context, String name, String... tags) {
		return context.getBean(MeterRegistry.class).get(name).tags(tags).counter().count();
	}

}
