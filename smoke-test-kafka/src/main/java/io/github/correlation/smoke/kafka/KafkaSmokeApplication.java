package io.github.correlation.smoke.kafka;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A Boot service that only consumes Kafka records: no web server, no servlet API on its
 * class path, the starter its only correlation dependency.
 *
 * @author Correlation contributors
 */
@SpringBootApplication
public class KafkaSmokeApplication {

	private static final Logger logger = LoggerFactory.getLogger(KafkaSmokeApplication.class);

	public static void main(String[] args) {
		SpringApplication.run(KafkaSmokeApplication.class, args);
	}

	@Bean
	BlockingQueue<Consumed> consumed() {
		return new LinkedBlockingQueue<>();
	}

	@Bean
	Listener listener(Tracer tracer, BlockingQueue<Consumed> consumed) {
		return new Listener(tracer, consumed);
	}

	/**
	 * What the listener saw of one record: its value, the current span's trace id and the
	 * one in the MDC.
	 *
	 * @param value the record's value
	 * @param traceId the trace id of the span current in the listener, or {@code null}
	 * @param mdcTraceId the {@code trace_id} in the MDC, or {@code null}
	 */
	public record Consumed(String value, String traceId, String mdcTraceId) {

	}

	/**
	 * Logs each record and says what it saw.
	 */
	public static class Listener {

		private final Tracer tracer;

		private final BlockingQueue<Consumed> consumed;

		Listener(Tracer tracer, BlockingQueue<Consumed> consumed) {
			this.tracer = tracer;
			this.consumed = consumed;
		}

		@KafkaListener(topics = { "orders.placed", "partner.events" }, groupId = "smoke")
		void onRecord(ConsumerRecord<String, String> record) {
			logger.info("consumed {}", record.value());
			Span span = this.tracer.currentSpan();
			this.consumed.add(new Consumed(record.value(), (span != null) ? span.context().traceId() : null,
					MDC.get("trace_id")));
		}

	}

}
