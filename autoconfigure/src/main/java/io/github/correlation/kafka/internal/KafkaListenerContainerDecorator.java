package io.github.correlation.kafka.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.correlation.kafka.KafkaRecordContexts;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Decorates every listener container just before the containers start, after the
 * container factories and any {@code ContainerCustomizer} have configured them, whichever
 * factory built them (Boot's or the application's own): the container's own record and
 * batch interceptors are wrapped, never replaced, and listener observation is switched on
 * when {@code spring.kafka.listener.observation-enabled} says so. Decorating twice
 * changes nothing.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class KafkaListenerContainerDecorator implements SmartLifecycle {

	/**
	 * Phase in which containers are decorated: just before listener containers start.
	 */
	public static final int PHASE = AbstractMessageListenerContainer.DEFAULT_PHASE - 1;

	private final Supplier<List<MessageListenerContainer>> containers;

	private final boolean observationEnabled;

	private final TraceHeaderProblems problems;

	private final @Nullable KafkaBatchSpans batchSpans;

	private final KafkaRecordContexts recordContexts;

	private final Map<String, String> decorated = new ConcurrentHashMap<>();

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param containers supplies the containers to decorate
	 * @param observationEnabled whether to switch listener observation on
	 * @param problems counts malformed trace headers
	 * @param batchSpans starts batch spans, or {@code null} for none
	 * @param recordContexts runs a failed batch's error handling in the failed record's
	 * context
	 */
	public KafkaListenerContainerDecorator(Supplier<List<MessageListenerContainer>> containers,
			boolean observationEnabled, TraceHeaderProblems problems, @Nullable KafkaBatchSpans batchSpans,
			KafkaRecordContexts recordContexts) {
		this.containers = containers;
		this.observationEnabled = observationEnabled;
		this.problems = problems;
		this.batchSpans = batchSpans;
		this.recordContexts = recordContexts;
	}

	@Override
	public void start() {
		for (MessageListenerContainer container : new ArrayList<>(this.containers.get())) {
			if (container instanceof AbstractMessageListenerContainer<?, ?> listenerContainer) {
				decorate(listenerContainer);
			}
		}
		this.running = true;
	}

	/**
	 * Decorate one container.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param container the container
	 */
	public <K, V> void decorate(AbstractMessageListenerContainer<K, V> container) {
		ContainerProperties properties = container.getContainerProperties();
		if (this.observationEnabled) {
			properties.setObservationEnabled(true);
		}
		RecordInterceptor<K, V> recordInterceptor = container.getRecordInterceptor();
		if (!(recordInterceptor instanceof CorrelationRecordInterceptor)) {
			container.setRecordInterceptor(new CorrelationRecordInterceptor<>(recordInterceptor, this.problems));
		}
		BatchInterceptor<K, V> batchInterceptor = container.getBatchInterceptor();
		if (!(batchInterceptor instanceof CorrelationBatchInterceptor)) {
			ListenerInfo listener = new ListenerInfo(String.valueOf(container.getListenerId()), container.getGroupId(),
					properties.getObservationConvention());
			container.setBatchInterceptor(
					new CorrelationBatchInterceptor<>(batchInterceptor, this.batchSpans, this.problems, listener));
		}
		CommonErrorHandler errorHandler = container.getCommonErrorHandler();
		if (errorHandler != null && !(errorHandler instanceof CorrelationErrorHandler)) {
			container.setCommonErrorHandler(new CorrelationErrorHandler(errorHandler, this.recordContexts));
		}
		this.decorated.put(String.valueOf(container.getListenerId()),
				properties.isObservationEnabled() ? "observed" : "not observed (observation disabled)");
	}

	/**
	 * Return the listener containers decorated so far, by listener id.
	 * @return listener ids and whether each container's listener is observed
	 */
	public Map<String, String> getDecorated() {
		return new TreeMap<>(this.decorated);
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
