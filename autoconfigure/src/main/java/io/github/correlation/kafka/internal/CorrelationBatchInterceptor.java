package io.github.correlation.kafka.internal;

import java.util.ArrayDeque;
import java.util.Deque;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchInterceptor;

/**
 * Decorates a container's {@link BatchInterceptor} (or stands alone): counts malformed
 * trace headers, and runs the batch listener, and the decorated interceptor, in a batch
 * span linked to every record's producer. It also tells {@link KafkaRecordContexts} which
 * listener the batch belongs to. Everything it opens is closed on the consumer thread
 * when the batch ends, whatever way it ends.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CorrelationBatchInterceptor<K, V> implements BatchInterceptor<K, V> {

	private final @Nullable BatchInterceptor<K, V> delegate;

	private final @Nullable KafkaBatchSpans spans;

	private final TraceHeaderProblems problems;

	private final ListenerInfo listener;

	private final ThreadLocal<Deque<OpenBatch>> open = ThreadLocal.withInitial(ArrayDeque::new);

	/**
	 * Create a new instance.
	 * @param delegate the interceptor to decorate, or {@code null}
	 * @param spans starts batch spans, or {@code null} for none
	 * @param problems counts malformed trace headers
	 * @param listener the listener of the container
	 */
	public CorrelationBatchInterceptor(@Nullable BatchInterceptor<K, V> delegate, @Nullable KafkaBatchSpans spans,
			TraceHeaderProblems problems, ListenerInfo listener) {
		this.delegate = delegate;
		this.spans = spans;
		this.problems = problems;
		this.listener = listener;
	}

	/**
	 * Return the decorated interceptor.
	 * @return the delegate, or {@code null}
	 */
	public @Nullable BatchInterceptor<K, V> getDelegate() {
		return this.delegate;
	}

	@Override
	public @Nullable ConsumerRecords<K, V> intercept(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		records.forEach(this.problems::count);
		Span span = (this.spans != null) ? this.spans.start(records, this.listener.groupId()) : null;
		this.open.get()
			.push(new OpenBatch(span, (span != null) ? span.makeCurrent() : null, ListenerInfo.enter(this.listener)));
		try {
			ConsumerRecords<K, V> intercepted = (this.delegate != null) ? this.delegate.intercept(records, consumer)
					: records;
			if (intercepted == null) {
				end(null);
			}
			return intercepted;
		}
		catch (RuntimeException ex) {
			end(ex);
			throw ex;
		}
	}

	@Override
	public void success(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		try {
			if (this.delegate != null) {
				this.delegate.success(records, consumer);
			}
		}
		finally {
			end(null);
		}
	}

	@Override
	public void failure(ConsumerRecords<K, V> records, Exception exception, Consumer<K, V> consumer) {
		try {
			if (this.delegate != null) {
				this.delegate.failure(records, exception, consumer);
			}
		}
		finally {
			end(exception);
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
		try {
			if (this.delegate != null) {
				this.delegate.clearThreadState(consumer);
			}
		}
		finally {
			while (!this.open.get().isEmpty()) {
				end(null);
			}
			this.open.remove();
		}
	}

	private void end(@Nullable Exception exception) {
		OpenBatch batch = this.open.get().poll();
		if (batch == null) {
			return;
		}
		ListenerInfo.restore(batch.previous());
		if (batch.scope() != null) {
			batch.scope().close();
		}
		if (batch.span() != null && this.spans != null) {
			this.spans.end(batch.span(), exception);
		}
	}

	private record OpenBatch(@Nullable Span span, @Nullable Scope scope, @Nullable ListenerInfo previous) {

	}

}
