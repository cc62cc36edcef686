package io.github.correlation.web;

import java.util.function.BiConsumer;

import io.github.correlation.requestid.RequestIdPropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * The correlation headers of a response, for servlet and WebFlux servers alike: the W3C
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
	 * Write the headers for a context: the server span current in it and the request id
	 * of its baggage. The sink should set, never add, so that writing twice leaves one of
	 * each.
	 * @param context the context of the request, usually the current one
	 * @param sink sets a response header from its name and value
	 */
	public void write(Context context, BiConsumer<String, String> sink) {
		SpanContext span = Span.fromContext(context).getSpanContext();
		if (span.isValid()) {
			if (this.traceResponse) {
				sink.accept(TRACE_RESPONSE,
						"00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
			}
			if (this.traceIdHeader != null) {
				sink.accept(this.traceIdHeader, span.getTraceId());
			}
		}
		String requestId = (this.requestIds != null) ? this.requestIds.requestId(context) : null;
		if (requestId != null) {
			sink.accept(this.requestIds.getHeader(), requestId);
		}
	}

}
