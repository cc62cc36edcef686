/**
 * The bridge from the current trace context to the MDC, and the JSON member names of
 * Boot's structured log formats.
 */
@NullMarked
package io.github.correlation.logging;

import org.jspecify.annotations.NullMarked;
