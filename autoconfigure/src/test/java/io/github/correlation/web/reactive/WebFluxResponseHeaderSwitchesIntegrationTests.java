package io.github.correlation.web.reactive;

import java.util.List;

import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response header switches on a real Reactor Netty server, as for servlet.
 */
class WebFluxResponseHeaderSwitchesIntegrationTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	@Test
	void writesTheBareTraceIdHeaderWhenEnabled() {
		RawHttpClient.Response response = hello("correlation.web.trace-id-header.enabled=true",
				"correlation.web.trace-id-header.name=X-B3-TraceId");
		assertThat(response.all("X-B3-TraceId")).containsExactly(TRACE_ID);
		assertThat(response.header("traceresponse")).startsWith("00-" + TRACE_ID);
	}

	@Test
	void writesNoTraceHeadersWhenSwitchedOff() {
		RawHttpClient.Response response = hello("correlation.web.trace-response.enabled=false");
		assertThat(response.headers()).doesNotContainKeys("traceresponse", "x-trace-id");
		assertThat(response.header("X-Request-Id")).isNotBlank();
	}

	@Test
	void leavesTheRequestIdOutWhenItIsDisabled() {
		RawHttpClient.Response response = hello("correlation.request-id.enabled=false");
		assertThat(response.headers()).doesNotContainKey("x-request-id");
		assertThat(response.header("traceresponse")).startsWith("00-" + TRACE_ID);
	}

	@Test
	void leavesResponsesAsBootWritesThemWhenTheWebBoundaryIsOff() {
		RawHttpClient.Response response = hello("correlation.web.enabled=false");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers()).doesNotContainKeys("traceresponse", "x-request-id");
	}

	private static RawHttpClient.Response hello(String... properties) {
		try (ConfigurableApplicationContext context = TestApplication
			.runReactive(new Class<?>[] { ReactiveTestApplication.class }, properties)) {
			return RawHttpClient.get(TestApplication.port(context), "/hello",
					List.<String[]>of(new String[] { "traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01" }));
		}
	}

}
