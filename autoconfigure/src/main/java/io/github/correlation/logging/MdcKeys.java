package io.github.correlation.logging;

/**
 * MDC keys under which the current span's identifiers are written.
 *
 * @param traceId key of the trace id
 * @param spanId key of the span id
 * @param traceFlags key of the trace flags (two hex digits, {@code 01} when sampled)
 * @author Correlation contributors
 * @since 0.1.0
 */
public record MdcKeys(String traceId, String spanId, String traceFlags) {

}
