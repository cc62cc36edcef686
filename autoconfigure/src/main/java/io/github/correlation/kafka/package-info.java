/**
 * Correlation of Kafka records: header access, the batch span, the per-record context of
 * batch listeners, and the count of malformed trace headers.
 */
@NullMarked
package io.github.correlation.kafka;

import org.jspecify.annotations.NullMarked;
