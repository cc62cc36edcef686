package io.github.correlation.web.servlet;

import java.util.List;
import java.util.Map;

import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log lines written while Boot and Tomcat handle an error for a request carry the
 * request's trace id (spring-boot#48472): in the exception resolvers, in Tomcat's own
 * report of an escaped exception, and in {@code BasicErrorController} during the
 * {@code ERROR} dispatch.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorHandlingCorrelationIntegrationTests {

	private ConfigurableApplicationContext context;

	private int port;

	@BeforeEach
	void start() {
		this.context = TestApplication.run(new Class<?>[] { CorrelationTestApplication.class },
				"logging.structured.format.console=logstash");
		this.port = TestApplication.port(this.context);
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void escapedExceptionIsLoggedByTomcatAndRenderedByBootInTheRequestsTrace(CapturedOutput output) {
		RawHttpClient.Response response = RawHttpClient.get(this.port, "/boom", List.of());
		assertThat(response.status()).isEqualTo(500);
		String traceId = traceId(response);
		String requestId = response.header("X-Request-Id");
		for (String message : List.of("about to fail", "Servlet.service() for servlet",
				"rendering error response 500")) {
			Map<String, Object> line = JsonLogLines.single(output, message);
			assertThat(line).as(message).containsEntry("trace_id", traceId).containsEntry("request_id", requestId);
		}
	}

	@Test
	void errorsResolvedToAStatusAreRenderedInTheRequestsTrace(CapturedOutput output) {
		for (String path : List.of("/status/400", "/send-error", "/missing")) {
			RawHttpClient.Response response = RawHttpClient.get(this.port, path, List.of());
			Map<String, Object> line = JsonLogLines.single(output, "rendering error response " + response.status());
			assertThat(line).as(path).containsEntry("trace_id", traceId(response)).containsKey("span_id");
		}
	}

	@Test
	void exceptionHandlersLogInTheRequestsTrace(CapturedOutput output) {
		RawHttpClient.Response response = RawHttpClient.get(this.port, "/handled", List.of());
		assertThat(response.status()).isEqualTo(409);
		assertThat(JsonLogLines.single(output, "handled in exception handler")).containsEntry("trace_id",
				traceId(response));
	}

	@Test
	void theContextEndsWithTheRequest(CapturedOutput output) throws Exception {
		RawHttpClient.get(this.port, "/boom", List.of());
		RawHttpClient.Response next = RawHttpClient.get(this.port, "/hello", List.of());
		assertThat(JsonLogLines.single(output, "hello")).containsEntry("trace_id", traceId(next));
		org.slf4j.LoggerFactory.getLogger(getClass()).info("outside any request");
		assertThat(JsonLogLines.single(output, "outside any request")).doesNotContainKeys("trace_id", "span_id",
				"trace_flags", "request_id");
	}

	private static String traceId(RawHttpClient.Response response) {
		return response.header("traceresponse").substring(3, 35);
	}

}
