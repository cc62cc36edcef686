package io.github.correlation.web.servlet;

import io.github.correlation.requestid.RequestIdPropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Writes the correlation headers of a response from the current context: the W3C
 * {@code traceresponse} header ({@code 00-<trace-id>-<server-span-id>-<flags>}), an
 * optional header with the bare trace id, and the request id.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CorrelationResponseHeaders {

	/**
	 * Name of the W3C Trace Context Level 2 response header.
	 */
	public static final String TRACE_RESPONSE = "traceresponse";

	private final boolean traceResponse;

	private final @Nullable String traceIdHeader;

	private final @Nullable RequestIdPropagator requestIds;

	/**
	 * Create a new instance.
	 * @param traceResponse whether to write {@code traceresponse}
	 * @param traceIdHeader the header for the bare trace id, or {@code null} for none
	 * @param requestIds the request id propagator whose id is echoed, or {@code null} for
	 * none
	 */
	public CorrelationResponseHeaders(boolean traceResponse, @Nullable String traceIdHeader,
			@Nullable RequestIdPropagator requestIds) {
		this.traceResponse = traceResponse;
		this.traceIdHeader = traceIdHeader;
		this.requestIds = requestIds;
	}

	/**
	 * Write the headers for the current context. Headers are set, never added, so writing
	 * twice leaves one of each.
	 * @param response the response
	 */
	public void write(HttpServletResponse response) {
		if (response.isCommitted()) {
			return;
		}
		SpanContext span = Span.current().getSpanContext();
		if (span.isValid()) {
			if (this.traceResponse) {
				response.setHeader(TRACE_RESPONSE,
						"00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
			}
			if (this.traceIdHeader != null) {
				response.setHeader(this.traceIdHeader, span.getTraceId());
			}
		}
		String requestId = (this.requestIds != null) ? this.requestIds.requestId(Context.current()) : null;
		if (requestId != null) {
			response.setHeader(this.requestIds.getHeader(), requestId);
		}
	}

}
