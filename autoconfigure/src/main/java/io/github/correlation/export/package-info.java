/**
 * What became of the spans and log records the application exported: the OpenTelemetry
 * SDK's own counters of the batch processors and the exporters, read by Micrometer, so
 * that what is lost while a backend is down is counted and named.
 */
@NullMarked
package io.github.correlation.export;

import org.jspecify.annotations.NullMarked;
