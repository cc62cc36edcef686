package io.github.correlation.kafka.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;

/**
 * Starts the span in which a batch listener runs: a {@code receive} span, the root of its
 * own trace, linked to the producer context of every record in the batch, as the
 * OpenTelemetry messaging conventions describe for batches. Jaeger shows the links as
 * {@code FOLLOWS_FROM} references, so each checkout trace leads to the batch that
 * processed it. The span keeps at most as many links as the tracer's span limits allow.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class KafkaBatchSpans {

	private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");

	private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");

	private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");

	private static final AttributeKey<Long> COUNT = AttributeKey.longKey("messaging.batch.message_count");

	private static final AttributeKey<String> GROUP = AttributeKey.stringKey("messaging.consumer.group.name");

	private final Tracer tracer;

	private final ContextPropagators propagators;

	/**
	 * Create a new instance.
	 * @param tracer the tracer
	 * @param propagators reads the producer context of each record
	 */
	public KafkaBatchSpans(Tracer tracer, ContextPropagators propagators) {
		this.tracer = tracer;
		this.propagators = propagators;
	}

	/**
	 * Start the span of a batch.
	 * @param records the batch
	 * @param groupId the consumer group, if any
	 * @return the started span, not yet current
	 */
	public Span start(ConsumerRecords<?, ?> records, @Nullable String groupId) {
		Set<String> topics = new LinkedHashSet<>();
		records.forEach((record) -> topics.add(record.topic()));
		String destination = (topics.size() == 1) ? topics.iterator().next() : "multiple_topics";
		SpanBuilder builder = this.tracer.spanBuilder(destination + " receive")
			.setSpanKind(SpanKind.CONSUMER)
			.setNoParent()
			.setAttribute(SYSTEM, "kafka")
			.setAttribute(OPERATION, "receive")
			.setAttribute(DESTINATION, destination)
			.setAttribute(COUNT, (long) records.count());
		if (groupId != null) {
			builder.setAttribute(GROUP, groupId);
		}
		for (ConsumerRecord<?, ?> record : records) {
			SpanContext producer = producerContext(record);
			if (producer.isValid()) {
				builder.addLink(producer);
			}
		}
		return builder.startSpan();
	}

	/**
	 * Return the producer context a record carries.
	 * @param record the record
	 * @return the producer's span context, invalid when the record carries none
	 */
	public SpanContext producerContext(ConsumerRecord<?, ?> record) {
		Context extracted = this.propagators.getTextMapPropagator()
			.extract(Context.root(), record, KafkaHeadersGetter.INSTANCE);
		return Span.fromContext(extracted).getSpanContext();
	}

}
