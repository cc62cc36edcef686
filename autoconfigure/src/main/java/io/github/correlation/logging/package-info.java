/**
 * The bridge from the current trace context and baggage to the MDC.
 */
@NullMarked
package io.github.correlation.logging;

import org.jspecify.annotations.NullMarked;
