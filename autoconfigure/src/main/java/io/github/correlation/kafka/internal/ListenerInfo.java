package io.github.correlation.kafka.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.micrometer.KafkaListenerObservationConvention;

/**
 * What a per-record observation needs to know about the listener container that delivered
 * the batch.
 *
 * @param listenerId the listener id
 * @param groupId the consumer group, if any
 * @param convention the container's observation convention, if any
 * @author Correlation contributors
 * @since 0.1.0
 */
public record ListenerInfo(String listenerId, @Nullable String groupId,
		@Nullable KafkaListenerObservationConvention convention) {

	private static final ThreadLocal<@Nullable ListenerInfo> current = new ThreadLocal<>();

	/**
	 * Return the listener whose batch this thread is delivering.
	 * @return the listener, or {@code null} outside a batch
	 */
	public static @Nullable ListenerInfo current() {
		return current.get();
	}

	static @Nullable ListenerInfo enter(@Nullable ListenerInfo info) {
		ListenerInfo previous = current.get();
		current.set(info);
		return previous;
	}

	static void restore(@Nullable ListenerInfo previous) {
		if (previous == null) {
			current.remove();
		}
		else {
			current.set(previous);
		}
	}

}
