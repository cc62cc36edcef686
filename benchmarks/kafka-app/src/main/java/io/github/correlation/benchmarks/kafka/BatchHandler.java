package io.github.correlation.benchmarks.kafka;

import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Hands each record of a batch to the code that handles it.
 *
 * @author Correlation contributors
 */
@FunctionalInterface
interface BatchHandler {

	void handle(List<ConsumerRecord<String, String>> records, Consumer<ConsumerRecord<String, String>> handler);

}
