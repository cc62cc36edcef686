package io.github.correlation.kafka.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import io.github.correlation.audit.ExpectedRoot;
import io.github.correlation.conventions.MessagingSemanticConventions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
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
 * <p>
 * With the OpenTelemetry semantic conventions chosen, the span follows the messaging
 * conventions for a batch received (specification v1.41.0, Development status): named
 * {@code receive {topic}}, kind {@code CLIENT}, with {@code messaging.operation.name},
 * the partition when the whole batch comes from one, and {@code error.type} when the
 * listener fails. Otherwise it keeps its earlier shape: {@code {topic} receive}, kind
 * {@code CONSUMER}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class KafkaBatchSpans {

	private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey(MessagingSemanticConventions.SYSTEM);

	private static final AttributeKey<String> OPERATION = AttributeKey
		.stringKey(MessagingSemanticConventions.OPERATION_TYPE);

	private static final AttributeKey<String> OPERATION_NAME = AttributeKey
		.stringKey(MessagingSemanticConventions.OPERATION_NAME);

	private static final AttributeKey<String> DESTINATION = AttributeKey
		.stringKey(MessagingSemanticConventions.DESTINATION_NAME);

	private static final AttributeKey<String> PARTITION = AttributeKey
		.stringKey(MessagingSemanticConventions.DESTINATION_PARTITION_ID);

	private static final AttributeKey<Long> COUNT = AttributeKey
		.longKey(MessagingSemanticConventions.BATCH_MESSAGE_COUNT);

	private static final AttributeKey<String> GROUP = AttributeKey
		.stringKey(MessagingSemanticConventions.CONSUMER_GROUP_NAME);

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey
		.stringKey(MessagingSemanticConventions.ERROR_TYPE);

	private static final String RECEIVE = MessagingSemanticConventions.RECEIVE;

	private final Tracer tracer;

	private final ContextPropagators propagators;

	private final boolean semanticConventions;

	/**
	 * Create a new instance.
	 * @param tracer the tracer
	 * @param propagators reads the producer context of each record
	 * @param semanticConventions whether spans follow the OpenTelemetry semantic
	 * conventions for messaging
	 */
	public KafkaBatchSpans(Tracer tracer, ContextPropagators propagators, boolean semanticConventions) {
		this.tracer = tracer;
		this.propagators = propagators;
		this.semanticConventions = semanticConventions;
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
		String topic = (topics.size() == 1) ? topics.iterator().next() : null;
		String destination = (topic != null) ? topic : "multiple_topics";
		String name;
		if (this.semanticConventions) {
			// A batch of several topics has no destination in the conventions
			name = (topic != null) ? MessagingSemanticConventions.spanName(RECEIVE, topic) : RECEIVE;
		}
		else {
			name = destination + " " + RECEIVE;
		}
		SpanBuilder builder = this.tracer.spanBuilder(name)
			.setSpanKind(this.semanticConventions ? SpanKind.CLIENT : SpanKind.CONSUMER)
			.setNoParent()
			.setAttribute(SYSTEM, MessagingSemanticConventions.KAFKA)
			.setAttribute(OPERATION, RECEIVE)
			.setAttribute(COUNT, (long) records.count());
		if (!this.semanticConventions || topic != null) {
			builder.setAttribute(DESTINATION, destination);
		}
		if (groupId != null) {
			builder.setAttribute(GROUP, groupId);
		}
		if (this.semanticConventions) {
			builder.setAttribute(OPERATION_NAME, RECEIVE);
			if (records.partitions().size() == 1) {
				builder.setAttribute(PARTITION, Integer.toString(records.partitions().iterator().next().partition()));
			}
		}
		for (ConsumerRecord<?, ?> record : records) {
			SpanContext producer = producerContext(record);
			if (producer.isValid()) {
				builder.addLink(producer);
			}
		}
		// A batch starts a trace of its own on purpose, whatever its kind: a CLIENT root
		// would otherwise read as a lost context to the propagation audit
		Span[] started = new Span[1];
		ExpectedRoot.run(() -> started[0] = builder.startSpan());
		return started[0];
	}

	/**
	 * End the span of a batch.
	 * @param span the span
	 * @param error what the listener failed with, or {@code null}
	 */
	public void end(Span span, @Nullable Throwable error) {
		if (error != null) {
			span.recordException(error);
			span.setStatus(StatusCode.ERROR);
			if (this.semanticConventions) {
				span.setAttribute(ERROR_TYPE, MessagingSemanticConventions.errorType(error));
			}
		}
		span.end();
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
