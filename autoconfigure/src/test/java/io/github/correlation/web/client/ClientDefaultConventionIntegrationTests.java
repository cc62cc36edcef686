package io.github.correlation.web.client;

import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.SpanCapture;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code correlation.conventions}, client spans and meters keep Boot's
 * vocabulary, for the clients Boot observes and for those the starter does. In a class of
 * its own: closing an application that uses WebClient releases Reactor Netty's global
 * resources under any other one running.
 */
class ClientDefaultConventionIntegrationTests {

	@AutoClose
	private static final RecordingHttpServer downstream = new RecordingHttpServer();

	private static ConfigurableApplicationContext context;

	// Started when the class runs (see ClientConventionIntegrationTests)
	@BeforeAll
	static void start() {
		context = ClientConventionIntegrationTests.startApplication();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "builtRestClient", "createdRestClient", "builtWebClient", "createdWebClient" })
	void theDefaultIsBootsVocabulary(String client) {
		String traceId = ClientConventionIntegrationTests.call(context, downstream, client, "/items/1");
		SpanData span = SpanCapture.awaitSpan(context.getBean(InMemorySpanExporter.class), traceId, SpanKind.CLIENT);
		assertThat(span.getName()).isEqualTo("http get");
		assertThat(SpanCapture.attributes(span)).containsOnlyKeys("client.name", "exception", "method", "outcome",
				"status", "uri", "http.url");
		assertThat(context.getBean(MeterRegistry.class).get("http.client.requests").timers()).isNotEmpty();
	}

}
