/**
 * W3C Trace Context and Baggage conformance: the {@code traceparent}, {@code tracestate}
 * and {@code baggage} rules OpenTelemetry's propagators leave out, applied around
 * whatever propagator the application ends up with.
 */
@NullMarked
package io.github.correlation.w3c;

import org.jspecify.annotations.NullMarked;
