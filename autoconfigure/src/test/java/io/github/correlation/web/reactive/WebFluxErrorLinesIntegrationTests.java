package io.github.correlation.web.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.TestApplication;
import io.opentelemetry.sdk.trace.IdGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lines WebFlux writes for a failed request carry the request's ids, wherever the
 * failure happened: Boot's error handling ({@code AbstractErrorWebExceptionHandler}), an
 * {@code @ExceptionHandler}, the application's own {@code WebExceptionHandler}, and,
 * without Boot's error handling, {@code HttpWebHandlerAdapter}'s own
 * {@code 500 Server Error} line.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebFluxErrorLinesIntegrationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "/boom|500 Server Error for HTTP GET \"/boom\"|AbstractErrorWebExceptionHandler",
					"/boom-later|500 Server Error for HTTP GET \"/boom-later\"|AbstractErrorWebExceptionHandler",
					"/handled|handled in exception handler|ReactiveController", "/gone|gone|gone.handler" })
	void linesWrittenForAFailedRequestCarryItsIds(String path, String message, String logger, CapturedOutput output) {
		try (ConfigurableApplicationContext context = start()) {
			assertErrorLine(context, path, message, logger, output);
		}
	}

	@Test
	void httpWebHandlerAdaptersOwnLineCarriesTheRequestsIds(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(
				"spring.autoconfigure.exclude=org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration")) {
			assertErrorLine(context, "/boom", "500 Server Error for HTTP GET \"/boom\"", "HttpWebHandlerAdapter",
					output);
			assertErrorLine(context, "/boom-later", "500 Server Error for HTTP GET \"/boom-later\"",
					"HttpWebHandlerAdapter", output);
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(List.of("logging.structured.format.console=logstash"));
		all.addAll(List.of(properties));
		return TestApplication.runReactive(new Class<?>[] { ReactiveTestApplication.class },
				all.toArray(String[]::new));
	}

	private static void assertErrorLine(ConfigurableApplicationContext context, String path, String message,
			String logger, CapturedOutput output) {
		String traceId = IdGenerator.random().generateTraceId();
		String requestId = "err-" + System.nanoTime();
		RawHttpClient.Response response = RawHttpClient.get(TestApplication.port(context), path,
				List.of(new String[] { "traceparent", "00-" + traceId + "-b7ad6b7169203331-01" },
						new String[] { "X-Request-Id", requestId }));
		assertThat(response.status()).isGreaterThanOrEqualTo(400);
		List<Map<String, Object>> lines = JsonLogLines.matching(output,
				(line) -> String.valueOf(line.get("message")).contains(message)
						&& String.valueOf(line.get("logger_name")).endsWith(logger)
						&& requestId.equals(line.get("request_id")));
		assertThat(lines).as("%s line of %s with request id %s in%n%s", logger, path, requestId, output)
			.singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("trace_id", traceId).containsKey("span_id"));
	}

}
