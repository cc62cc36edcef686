/**
 * The application of the Kafka load run: an embedded broker, a record and a batch
 * listener.
 */
package io.github.correlation.benchmarks.kafka;
