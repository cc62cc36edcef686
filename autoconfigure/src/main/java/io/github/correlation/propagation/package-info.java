/**
 * W3C Trace Context and Baggage rules that OpenTelemetry's propagators leave out.
 */
@NullMarked
package io.github.correlation.propagation;

import org.jspecify.annotations.NullMarked;
