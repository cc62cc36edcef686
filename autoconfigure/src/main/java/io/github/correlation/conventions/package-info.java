/**
 * The OpenTelemetry semantic conventions for HTTP (stable HTTP conventions, specification
 * v1.41.0) and for Kafka (messaging conventions of the same version, Development status)
 * as Micrometer observation conventions: span names, span attributes, meter names and
 * tags that services instrumented in other languages share.
 */
@NullMarked
package io.github.correlation.conventions;

import org.jspecify.annotations.NullMarked;
