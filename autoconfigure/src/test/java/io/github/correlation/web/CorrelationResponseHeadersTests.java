package io.github.correlation.web;

import java.util.List;

import io.github.correlation.RequestIdGenerator;
import io.github.correlation.requestid.RequestIdPolicy;
import io.github.correlation.requestid.RequestIdPropagator;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationResponseHeadersTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private final RequestIdPropagator requestIds = new RequestIdPropagator("X-Request-Id", List.of(), "request_id",
			new RequestIdPolicy(RequestIdPolicy.DEFAULT_MAX_LENGTH), RequestIdGenerator.randomUuid());

	@Test
	void writesTraceresponseTheTraceIdAndTheRequestIdOfTheCurrentContext() {
		MockHttpServletResponse response = write(new CorrelationResponseHeaders(true, "X-Trace-Id", this.requestIds),
				sampled(), "rid-1");
		assertThat(response.getHeader("traceresponse")).isEqualTo("00-" + TRACE_ID + "-" + SPAN_ID + "-01");
		assertThat(response.getHeader("X-Trace-Id")).isEqualTo(TRACE_ID);
		assertThat(response.getHeader("X-Request-Id")).isEqualTo("rid-1");
	}

	@Test
	void writesOnlyWhatIsSwitchedOn() {
		MockHttpServletResponse response = write(new CorrelationResponseHeaders(false, null, null), sampled(), "rid-1");
		assertThat(response.getHeaderNames()).isEmpty();
	}

	@Test
	void writesNoTraceHeadersWithoutAValidSpanNorARequestIdThatIsNotValid() {
		MockHttpServletResponse response = write(new CorrelationResponseHeaders(true, "X-Trace-Id", this.requestIds),
				SpanContext.getInvalid(), "bad\r\nid");
		assertThat(response.getHeaderNames()).isEmpty();
	}

	private static MockHttpServletResponse write(CorrelationResponseHeaders headers, SpanContext span,
			String requestId) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		headers.write(context(span, requestId), response::setHeader);
		return response;
	}

	private static Context context(SpanContext span, String requestId) {
		return Context.root().with(Span.wrap(span)).with(Baggage.builder().put("request_id", requestId).build());
	}

	private static SpanContext sampled() {
		return SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
	}

}
