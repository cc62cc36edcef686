package io.github.correlation.smoke;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.github.correlation.testkit.CorrelationAssertions;
import io.github.correlation.testkit.OtlpReceiver;
import io.github.correlation.testkit.ReceivedLogRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OTLP log export with nothing but Boot's endpoint property: a line written inside a
 * request reaches a real OTLP receiver once, with the trace and span id of the line and
 * the request id; a Logback configuration that declares OpenTelemetry's appender itself
 * gets no second one; the console lines stay as they are.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtlpLogExportTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	@Test
	void aLineWrittenInARequestReachesTheReceiverOnceWithItsIds() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start(); ConfigurableApplicationContext context = start(receiver)) {
			HttpResponse<String> response = greet(context, "otlp-1");
			String spanId = response.headers().firstValue("traceresponse").orElseThrow().substring(36, 52);
			ReceivedLogRecord record = awaitSingle(context, receiver, "otlp-1");
			CorrelationAssertions.assertThat(record)
				.hasBody("greeting")
				.hasSeverity("INFO")
				.hasTraceId(TRACE_ID)
				.hasSpanId(spanId)
				.hasAttribute("request_id", "otlp-1");
			assertThat(record.serviceName()).isEqualTo("smoke");
		}
	}

	@Test
	void anAppenderTheApplicationDeclaresItselfIsTheOnlyOne() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext context = start(receiver,
						"--logging.config=classpath:logback-with-otel-appender.xml")) {
			greet(context, "otlp-2");
			CorrelationAssertions.assertThat(awaitSingle(context, receiver, "otlp-2")).hasTraceId(TRACE_ID);
		}
	}

	@Test
	void consoleLinesStayAsTheyAreWithOtlpExport(CapturedOutput output) throws Exception {
		String format = "--logging.structured.format.console=logstash";
		try (ConfigurableApplicationContext context = SpringApplication.run(SmokeApplication.class, "--server.port=0",
				"--server.address=127.0.0.1", "--spring.application.name=smoke", format)) {
			greet(context, "console-1");
		}
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext context = start(receiver, format)) {
			greet(context, "console-2");
			awaitSingle(context, receiver, "console-2");
		}
		String without = consoleGreeting(output, "console-1");
		String with = consoleGreeting(output, "console-2");
		assertThat(keys(with)).isEqualTo(keys(without)).contains("trace_id", "span_id", "request_id");
		assertThat(with).contains("\"trace_id\":\"" + TRACE_ID + "\"");
	}

	// The one console line of the greeting for a request: written once, whatever else
	// the line goes to
	private static String consoleGreeting(CapturedOutput output, String requestId) {
		List<String> lines = output.getOut()
			.lines()
			.filter((line) -> line.contains("\"message\":\"greeting\"") && line.contains("\"" + requestId + "\""))
			.toList();
		assertThat(lines).as("console lines of the greeting for %s", requestId).hasSize(1);
		return lines.get(0);
	}

	private static List<String> keys(String jsonLine) {
		return Pattern.compile("\"([a-z_@.]+)\":").matcher(jsonLine).results().map((match) -> match.group(1)).toList();
	}

	private static ConfigurableApplicationContext start(OtlpReceiver receiver, String... more) {
		List<String> args = new java.util.ArrayList<>(
				List.of("--server.port=0", "--server.address=127.0.0.1", "--spring.application.name=smoke",
						"--management.opentelemetry.logging.export.otlp.endpoint=" + receiver.logsEndpoint(),
						"--management.opentelemetry.logging.export.schedule-delay=100ms"));
		args.addAll(List.of(more));
		return SpringApplication.run(SmokeApplication.class, args.toArray(String[]::new));
	}

	private static HttpResponse<String> greet(ConfigurableApplicationContext context, String requestId)
			throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/greet"))
			.header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
			.header("X-Request-Id", requestId)
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

	// Records leave in the order they were written: once a later request's line has
	// arrived, so has every copy of the earlier one
	private static ReceivedLogRecord awaitSingle(ConfigurableApplicationContext context, OtlpReceiver receiver,
			String requestId) throws Exception {
		greet(context, requestId + "-later");
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> !greetings(receiver, requestId + "-later").isEmpty());
		List<ReceivedLogRecord> records = greetings(receiver, requestId);
		assertThat(records).as("records of the line written for request %s", requestId).hasSize(1);
		return records.get(0);
	}

	private static List<ReceivedLogRecord> greetings(OtlpReceiver receiver, String requestId) {
		return receiver.logRecords()
			.stream()
			.filter((record) -> record.body().equals("greeting")
					&& requestId.equals(record.attributes().get("request_id")))
			.toList();
	}

}
