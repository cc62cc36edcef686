/**
 * The Kafka boundary's machinery, public only so that the auto-configuration can create
 * it: header access, the batch span, the listener container decoration and the count of
 * malformed trace headers. Not an API: it changes without notice.
 */
@NullMarked
package io.github.correlation.kafka.internal;

import org.jspecify.annotations.NullMarked;
