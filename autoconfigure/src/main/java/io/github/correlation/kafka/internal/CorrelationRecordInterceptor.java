package io.github.correlation.kafka.internal;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Decorates a container's {@link RecordInterceptor} (or stands alone) to count the
 * malformed trace headers of each record; everything else is the decorated interceptor's.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CorrelationRecordInterceptor<K, V> implements RecordInterceptor<K, V> {

	private final @Nullable RecordInterceptor<K, V> delegate;

	private final TraceHeaderProblems problems;

	/**
	 * Create a new instance.
	 * @param delegate the interceptor to decorate, or {@code null}
	 * @param problems counts malformed trace headers
	 */
	public CorrelationRecordInterceptor(@Nullable RecordInterceptor<K, V> delegate, TraceHeaderProblems problems) {
		this.delegate = delegate;
		this.problems = problems;
	}

	/**
	 * Return the decorated interceptor.
	 * @return the delegate, or {@code null}
	 */
	public @Nullable RecordInterceptor<K, V> getDelegate() {
		return this.delegate;
	}

	@Override
	public @Nullable ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		this.problems.count(record);
		return (this.delegate != null) ? this.delegate.intercept(record, consumer) : record;
	}

	@Override
	public void success(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		if (this.delegate != null) {
			this.delegate.success(record, consumer);
		}
	}

	@Override
	public void failure(ConsumerRecord<K, V> record, Exception exception, Consumer<K, V> consumer) {
		if (this.delegate != null) {
			this.delegate.failure(record, exception, consumer);
		}
	}

	@Override
	public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		if (this.delegate != null) {
			this.delegate.afterRecord(record, consumer);
		}
	}

	@Override
	public void setupThreadState(Consumer<?, ?> consumer) {
		if (this.delegate != null) {
			this.delegate.setupThreadState(consumer);
		}
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		if (this.delegate != null) {
			this.delegate.clearThreadState(consumer);
		}
	}

}
