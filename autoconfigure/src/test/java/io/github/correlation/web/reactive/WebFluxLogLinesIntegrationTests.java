package io.github.correlation.web.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import io.github.correlation.test.JsonLogLines;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.test.TestApplication;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.IdGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;
import reactor.netty.http.HttpResources;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux twin of the servlet log-line tests, on a real Reactor Netty server under
 * Boot's {@code limited} Reactor context propagation: every line a request's work writes,
 * on the event loop, after a body arrives, on {@code boundedElastic}, {@code parallel}
 * and timer threads, carries the request's ids; clients built without Boot's builders,
 * called from a handler, continue the request's trace; nothing stays on an event-loop
 * thread afterwards.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebFluxLogLinesIntegrationTests {

	private static final RecordingHttpServer downstream = new RecordingHttpServer();

	private static final ConfigurableApplicationContext context = TestApplication.runReactive(
			new Class<?>[] { ReactiveTestApplication.class }, "logging.structured.format.console=logstash",
			"management.tracing.sampling.probability=1.0");

	private static final int port = TestApplication.port(context);

	@AfterAll
	static void close() {
		context.close();
		downstream.close();
	}

	@Test
	void handlerLinesCarryTheRequestsIds(CapturedOutput output) {
		Request request = new Request("handler");
		assertThat(request.get("/hello?tag=" + request.tag).status()).isEqualTo(200);
		request.assertLine(output, "handler " + request.tag);
	}

	@Test
	void operatorLinesOnEverySchedulerCarryTheRequestsIds(CapturedOutput output) {
		Request request = new Request("schedulers");
		RawHttpClient.Response response = request.get("/schedulers?tag=" + request.tag);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(request.assertLine(output, "publishOn " + request.tag).get("thread_name")).asString()
			.startsWith("boundedElastic");
		assertThat(request.assertLine(output, "parallel " + request.tag).get("thread_name")).asString()
			.startsWith("parallel");
		request.assertLine(output, "delayed " + request.tag);
		assertThat(request.assertLine(output, "subscribeOn " + request.tag).get("thread_name")).asString()
			.startsWith("boundedElastic");
	}

	@Test
	void linesWrittenWhenTheBodyArrivesCarryTheRequestsIds(CapturedOutput output) {
		Request request = new Request("body");
		RawHttpClient.Response response = RawHttpClient.send(port, "POST", "/body",
				request.headers("Content-Type", "text/plain"), "payload-" + request.tag);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		request.assertLine(output, "body payload-" + request.tag);
	}

	@ParameterizedTest
	@ValueSource(strings = { "rest-template", "rest-client" })
	void blockingClientsOnBoundedElasticContinueTheTrace(String client, CapturedOutput output) {
		Request request = new Request(client);
		RawHttpClient.Response response = request
			.get("/blocking?client=" + client + "&url=" + downstream.url("/" + request.tag));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		request.assertSent(downstream.takeRequest());
		request.assertLine(output, "blocking " + client);
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain", "built" })
	void webClientFilterAndResponseLinesCarryTheRequestsIds(String client, CapturedOutput output) {
		Request request = new Request("webclient-" + client);
		RawHttpClient.Response response = request
			.get("/webclient?client=" + client + "&url=" + downstream.url("/" + request.tag));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		request.assertSent(downstream.takeRequest());
		request.assertLine(output, client + " request filter /" + request.tag);
		request.assertLine(output, client + " response filter /" + request.tag);
		request.assertLine(output, "after " + client + " webclient");
	}

	@Test
	void nothingStaysOnTheEventLoopAfterTheRequests() throws Exception {
		for (int i = 0; i < 8; i++) {
			Request request = new Request("after-" + i);
			request.get("/schedulers?tag=" + request.tag);
			request.get("/hello?tag=" + request.tag);
		}
		EventLoopGroup loops = HttpResources.get().onServer(true);
		List<Future<String>> states = new ArrayList<>();
		for (EventExecutor loop : loops) {
			states.add(loop.submit(() -> MDC.getCopyOfContextMap() + " " + Span.current().getSpanContext().isValid()));
		}
		for (Future<String> state : states) {
			assertThat(state.get()).isIn("null false", "{} false");
		}
	}

	private static final class Request {

		private final String tag;

		private final String traceId = IdGenerator.random().generateTraceId();

		Request(String name) {
			this.tag = name + "-" + System.nanoTime();
		}

		List<String[]> headers(String... more) {
			List<String[]> headers = new ArrayList<>();
			headers.add(new String[] { "traceparent", "00-" + this.traceId + "-b7ad6b7169203331-01" });
			headers.add(new String[] { "X-Request-Id", this.tag });
			for (int i = 0; i < more.length; i += 2) {
				headers.add(new String[] { more[i], more[i + 1] });
			}
			return headers;
		}

		RawHttpClient.Response get(String path) {
			return RawHttpClient.get(port, path, headers());
		}

		Map<String, Object> assertLine(CapturedOutput output, String message) {
			Map<String, Object> line = JsonLogLines.single(output, message);
			assertThat(line).as(message)
				.containsEntry("trace_id", this.traceId)
				.containsEntry("request_id", this.tag)
				.containsKey("span_id");
			assertThat(line.get("span_id")).as(message).isNotEqualTo("b7ad6b7169203331");
			return line;
		}

		void assertSent(RecordingHttpServer.RecordedRequest sent) {
			assertThat(sent.header("traceparent")).startsWith("00-" + this.traceId + "-");
			assertThat(sent.header("X-Request-Id")).isEqualTo(this.tag);
		}

	}

}
