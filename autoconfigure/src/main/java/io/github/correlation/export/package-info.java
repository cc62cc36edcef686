/**
 * What became of the spans the application exported: the OpenTelemetry SDK's own counters
 * of the batch span processor and the span exporter, read by Micrometer, so that spans
 * lost while the tracing backend is down are counted and named.
 */
@NullMarked
package io.github.correlation.export;

import org.jspecify.annotations.NullMarked;
