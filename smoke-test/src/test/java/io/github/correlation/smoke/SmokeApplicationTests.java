package io.github.correlation.smoke;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter as a user adds it: one dependency, one property for JSON logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmokeApplicationTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	@Test
	void correlatesWithTheStarterAlone(CapturedOutput output) throws Exception {
		AtomicReference<Map<String, List<String>>> received = new AtomicReference<>();
		HttpServer downstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		downstream.createContext("/", (exchange) -> {
			received.set(Map.copyOf(exchange.getRequestHeaders()));
			exchange.sendResponseHeaders(200, 2);
			exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
			exchange.close();
		});
		downstream.start();
		try (ConfigurableApplicationContext context = SpringApplication.run(SmokeApplication.class, "--server.port=0",
				"--server.address=127.0.0.1", "--logging.structured.format.console=logstash")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String url = URLEncoder.encode("http://127.0.0.1:" + downstream.getAddress().getPort() + "/x",
					StandardCharsets.UTF_8);
			HttpResponse<String> response = send(port, "/forward?url=" + url);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("traceresponse")).get()
				.asString()
				.startsWith("00-" + TRACE_ID + "-");
			assertThat(response.headers().firstValue("X-Request-Id")).hasValue("smoke-1");
			assertThat(received.get().get("Traceparent")).singleElement().asString().startsWith("00-" + TRACE_ID);
			assertThat(received.get().get("X-request-id")).containsExactly("smoke-1");
			assertThat(output).containsPattern(
					"\\{[^\\n]*\"message\":\"forwarding\"[^\\n]*\"trace_id\":\"" + TRACE_ID + "\"[^\\n]*\\}");
			HttpResponse<String> failure = send(port, "/fail");
			assertThat(failure.statusCode()).isEqualTo(500);
			String failedTrace = failure.headers().firstValue("traceresponse").orElseThrow().substring(3, 35);
			assertThat(output).containsPattern("\"level\":\"ERROR\"[^\\n]*\"trace_id\":\"" + failedTrace + "\"");
		}
		finally {
			downstream.stop(0);
		}
	}

	private static HttpResponse<String> send(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
			.header("X-Request-Id", "smoke-1")
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
