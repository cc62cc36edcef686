package io.github.correlation.kafka.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.BatchInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

class CorrelationBatchInterceptorTests {

	private final InMemorySpanExporter spans = InMemorySpanExporter.create();

	@AutoClose
	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.spans))
		.build();

	private final KafkaBatchSpans batchSpans = new KafkaBatchSpans(this.tracerProvider.get("test"),
			ContextPropagators.noop(), false);

	private final ListenerInfo listener = new ListenerInfo("orders-listener", "orders-group", null);

	private final ConsumerRecords<String, String> batch = new ConsumerRecords<>(
			Map.of(new TopicPartition("orders", 0), List.of(new ConsumerRecord<>("orders", 0, 10, "k1", "v1"),
					new ConsumerRecord<>("orders", 0, 11, "k2", "v2"))),
			Map.of());

	@SuppressWarnings("unchecked")
	private final Consumer<String, String> consumer = mock(Consumer.class);

	@Test
	void runsTheBatchInItsSpanWithTheListenerKnownAndEndsItOnSuccess() {
		AtomicReference<@Nullable Span> seen = new AtomicReference<>();
		BatchInterceptor<String, String> delegate = (records, consumer) -> {
			seen.set(Span.current());
			return records;
		};
		CorrelationBatchInterceptor<String, String> interceptor = interceptor(delegate, this.batchSpans);
		assertThat(interceptor.intercept(this.batch, this.consumer)).isSameAs(this.batch);
		assertThat(ListenerInfo.current()).isSameAs(this.listener);
		assertThat(seen.get().getSpanContext().isValid()).isTrue();
		assertThat(this.spans.getFinishedSpanItems()).isEmpty();
		interceptor.success(this.batch, this.consumer);
		assertThat(ListenerInfo.current()).isNull();
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
		assertThat(this.spans.getFinishedSpanItems()).singleElement()
			.satisfies((span) -> assertThat(span.getSpanId()).isEqualTo(seen.get().getSpanContext().getSpanId()));
	}

	@Test
	void recordsTheFailureOnTheBatchSpan() {
		CorrelationBatchInterceptor<String, String> interceptor = interceptor(null, this.batchSpans);
		interceptor.intercept(this.batch, this.consumer);
		interceptor.failure(this.batch, new IllegalStateException("listener failed"), this.consumer);
		SpanData span = this.spans.getFinishedSpanItems().get(0);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getEvents()).anySatisfy((event) -> assertThat(event.getName()).isEqualTo("exception"));
		assertThat(ListenerInfo.current()).isNull();
	}

	@Test
	void endsTheBatchWhenTheDelegateFailsOrSkipsIt() {
		CorrelationBatchInterceptor<String, String> failing = interceptor((records, consumer) -> {
			throw new IllegalStateException("interceptor failed");
		}, this.batchSpans);
		assertThatIllegalStateException().isThrownBy(() -> failing.intercept(this.batch, this.consumer));
		CorrelationBatchInterceptor<String, String> skipping = interceptor((records, consumer) -> null,
				this.batchSpans);
		assertThat(skipping.intercept(this.batch, this.consumer)).isNull();
		assertThat(this.spans.getFinishedSpanItems()).hasSize(2);
		assertThat(ListenerInfo.current()).isNull();
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
	}

	@Test
	void clearingTheThreadStateClosesWhatIsLeftOpen() {
		CorrelationBatchInterceptor<String, String> interceptor = interceptor(null, this.batchSpans);
		interceptor.intercept(this.batch, this.consumer);
		interceptor.clearThreadState(this.consumer);
		assertThat(this.spans.getFinishedSpanItems()).hasSize(1);
		assertThat(ListenerInfo.current()).isNull();
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
	}

	@Test
	void withoutBatchSpansTheListenerIsStillKnown() {
		CorrelationBatchInterceptor<String, String> interceptor = interceptor(null, null);
		interceptor.intercept(this.batch, this.consumer);
		assertThat(ListenerInfo.current()).isSameAs(this.listener);
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
		interceptor.success(this.batch, this.consumer);
		assertThat(ListenerInfo.current()).isNull();
		assertThat(this.spans.getFinishedSpanItems()).isEmpty();
	}

	private CorrelationBatchInterceptor<String, String> interceptor(@Nullable BatchInterceptor<String, String> delegate,
			@Nullable KafkaBatchSpans spans) {
		return new CorrelationBatchInterceptor<>(delegate, spans, new TraceHeaderProblems(null, null), this.listener);
	}

}
