/**
 * The propagation core every boundary shares: the W3C Trace Context and Baggage rules
 * that OpenTelemetry's propagators leave out, and the request id, its rules and its
 * propagator.
 */
@NullMarked
package io.github.correlation;

import org.jspecify.annotations.NullMarked;
