/**
 * Correlation of Kafka records: the per-record context of batch listeners, for
 * applications to call. The rest of the Kafka boundary lives in {@code kafka.internal}.
 */
@NullMarked
package io.github.correlation.kafka;

import org.jspecify.annotations.NullMarked;
