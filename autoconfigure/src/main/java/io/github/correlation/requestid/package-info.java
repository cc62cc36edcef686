/**
 * The request id: which inbound values are accepted, and the propagator that carries it
 * as a baggage entry to every hop the trace context reaches.
 */
@NullMarked
package io.github.correlation.requestid;

import org.jspecify.annotations.NullMarked;
