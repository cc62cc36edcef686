package io.github.correlation.smoke.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.github.correlation.smoke.jdbc.JdbcSmokeApplication.Orders;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.BadSqlGrammarException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With {@code correlation.conventions=opentelemetry}, the query spans and meters of
 * datasource-micrometer follow the OpenTelemetry conventions for SQL client spans,
 * specification v1.41.0 ({@code docs/db/database-spans.md}, {@code docs/db/sql.md},
 * Stable), on a real H2 database reached over TCP; without it they stay
 * datasource-micrometer's.
 */
class JdbcConventionIntegrationTests {

	/**
	 * The attributes of a SQL client span: the tables of {@code docs/db/sql.md} and
	 * {@code docs/db/database-spans.md} (v1.41.0), and {@code peer.service}, the general
	 * peer attribute Micrometer sets from the pool name.
	 */
	static final Set<String> SPEC_SQL_SPAN_ATTRIBUTES = Set.of("db.system.name", "db.collection.name", "db.namespace",
			"db.operation.name", "db.response.status_code", "error.type", "server.port", "db.operation.batch.size",
			"db.query.summary", "db.query.text", "db.stored_procedure.name", "server.address", "network.peer.address",
			"network.peer.port", "db.response.returned_rows", "peer.service");

	/**
	 * The attributes of {@code db.client.operation.duration}
	 * ({@code docs/db/database-metrics.md}, v1.41.0).
	 */
	static final Set<String> SPEC_METRIC_ATTRIBUTES = Set.of("db.system.name", "db.collection.name", "db.namespace",
			"db.operation.name", "db.response.status_code", "error.type", "server.port", "db.query.summary",
			"db.stored_procedure.name", "network.peer.address", "network.peer.port", "server.address", "db.query.text");

	private static Server database;

	private static ConfigurableApplicationContext context;

	private static ConfigurableApplicationContext defaults;

	@BeforeAll
	static void start() throws SQLException {
		database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
		context = start("jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/mem:orders;DB_CLOSE_DELAY=-1",
				"correlation.conventions=opentelemetry");
		defaults = start("jdbc:h2:mem:defaults;DB_CLOSE_DELAY=-1");
	}

	private static ConfigurableApplicationContext start(String url, String... properties) {
		return new SpringApplicationBuilder(JdbcSmokeApplication.class, SpanCapture.class)
			.properties("spring.datasource.url=" + url, "spring.datasource.username=sa",
					"management.opentelemetry.tracing.export.schedule-delay=50ms")
			.properties(properties)
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
		defaults.close();
		database.stop();
	}

	@Test
	void aPreparedStatementFollowsTheConventions() {
		String id = UUID.randomUUID().toString();
		String traceId = inTrace(context, () -> context.getBean(Orders.class).find(id));
		SpanData span = awaitSpan(context, "select orders", traceId);
		assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(span.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
		assertThat(attributes(span)).containsEntry("db.system.name", "h2database")
			.containsEntry("db.namespace", "orders")
			.containsEntry("db.query.summary", "select orders")
			.containsEntry("db.query.text", "select o.id, o.status from orders o where o.id = ?")
			.containsEntry("server.address", "127.0.0.1")
			.containsEntry("server.port", (long) database.getPort())
			.doesNotContainKeys("error.type", "db.response.status_code", "db.operation.batch.size", "db.operation.name",
					"db.collection.name");
		assertThat(attributes(span).keySet()).allSatisfy((key) -> assertThat(SPEC_SQL_SPAN_ATTRIBUTES).contains(key));
		assertThat(attributes(span).toString()).doesNotContain(id);
	}

	@Test
	void literalsInAPlainStatementAreSanitized() {
		String id = "order-" + UUID.randomUUID();
		Orders orders = context.getBean(Orders.class);
		orders.place(id, "****0002");
		String traceId = inTrace(context, () -> orders.markPaidInline(id));
		SpanData span = awaitSpan(context, "update orders", traceId);
		assertThat(attributes(span)).containsEntry("db.query.text",
				"update orders set status = ?, total = ? where id = ?");
		assertThat(attributes(span).toString()).doesNotContain(id).doesNotContain("PAID").doesNotContain("12.50");
	}

	@Test
	void aBatchIsOneSpanWithItsSize() {
		String traceId = inTrace(context, () -> context.getBean(Orders.class)
			.placeAll(List.of("b-" + UUID.randomUUID(), "b-" + UUID.randomUUID(), "b-" + UUID.randomUUID())));
		SpanData span = awaitSpan(context, "BATCH insert orders", traceId);
		assertThat(attributes(span)).containsEntry("db.query.summary", "BATCH insert orders")
			.containsEntry("db.operation.batch.size", 3L)
			.containsEntry("db.query.text", "insert into orders (id, card, status) values (?, ?, ?)");
	}

	@Test
	void aFailedQueryHasTheDatabasesCode() {
		String traceId = inTrace(context, () -> assertThatExceptionOfType(BadSqlGrammarException.class)
			.isThrownBy(() -> context.getBean(Orders.class).readMissingTable()));
		SpanData span = awaitSpan(context, "select invoices", traceId);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		Map<String, Object> attributes = attributes(span);
		assertThat(attributes).containsEntry("error.type", "org.h2.jdbc.JdbcSQLSyntaxErrorException");
		assertThat((String) attributes.get("db.response.status_code")).matches("42S0[24]/\\d+");
	}

	@Test
	void metersAreTheConventionsMetric() {
		String traceId = inTrace(context, () -> context.getBean(Orders.class).find("metered"));
		awaitSpan(context, "select orders", traceId);
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		assertThat(registry.find("jdbc.query").meters()).isEmpty();
		Meter meter = registry.get("db.client.operation.duration").tag("db.query.summary", "select orders").timer();
		assertThat(tags(meter)).containsEntry("db.system.name", "h2database")
			.containsEntry("db.namespace", "orders")
			.containsEntry("server.address", "127.0.0.1")
			.containsEntry("server.port", Integer.toString(database.getPort()))
			.doesNotContainKeys("error", "jdbc.datasource.driver", "jdbc.datasource.pool");
		for (Meter each : registry.find("db.client.operation.duration").meters()) {
			assertThat(SPEC_METRIC_ATTRIBUTES).containsAll(tags(each).keySet());
		}
	}

	@Test
	void withoutTheSettingSpansAndMetersStayDatasourceMicrometers() {
		String traceId = inTrace(defaults, () -> defaults.getBean(Orders.class).find("default"));
		SpanData span = awaitSpan(defaults, "query", traceId);
		assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(attributes(span))
			.containsEntry("jdbc.query[0]", "select o.id, o.status from orders o where o.id = ?")
			.containsEntry("jdbc.datasource.name", "orders-db")
			.containsOnlyKeys("jdbc.query[0]", "jdbc.datasource.name", "jdbc.datasource.driver", "jdbc.datasource.pool",
					"peer.service");
		assertThat(defaults.getBean(MeterRegistry.class).find("jdbc.query").meters()).isNotEmpty();
		assertThat(defaults.getBean(MeterRegistry.class).find("db.client.operation.duration").meters()).isEmpty();
	}

	// Each test's statements run in a trace of their own, so that a test never reads the
	// span of another
	private static String inTrace(ConfigurableApplicationContext context, Runnable work) {
		Tracer tracer = context.getBean(Tracer.class);
		Span span = tracer.nextSpan().name("test").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			work.run();
		}
		finally {
			span.end();
		}
		return span.context().traceId();
	}

	private static SpanData awaitSpan(ConfigurableApplicationContext context, String name, String traceId) {
		InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> exporter.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().equals(name) && span.getTraceId().equals(traceId))
				.findFirst()
				.orElse(null), (span) -> span != null);
	}

	private static Map<String, Object> attributes(SpanData span) {
		return span.getAttributes()
			.asMap()
			.entrySet()
			.stream()
			.collect(Collectors.toMap((entry) -> entry.getKey().getKey(), Map.Entry::getValue));
	}

	private static Map<String, String> tags(Meter meter) {
		return meter.getId().getTags().stream().collect(Collectors.toMap(Tag::getKey, Tag::getValue));
	}

	@Configuration(proxyBeanMethods = false)
	static class SpanCapture {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
