package io.github.correlation.kafka.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.correlation.RequestIdGenerator;
import io.github.correlation.requestid.RequestIdPolicy;
import io.github.correlation.requestid.RequestIdPropagator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceHeaderProblemsTests {

	private static final String VALID = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TraceHeaderProblems problems = new TraceHeaderProblems(this.meters,
			new RequestIdPropagator("X-Request-Id", List.of(), "request_id",
					new RequestIdPolicy(RequestIdPolicy.DEFAULT_MAX_LENGTH), RequestIdGenerator.randomUuid()));

	@Test
	void findsNothingInValidHeaders() {
		assertThat(this.problems
			.count(record("traceparent", VALID, "tracestate", "a=1", "baggage", "k=v", "X-Request-Id", "r-1")))
			.isEmpty();
		assertThat(this.meters.getMeters()).isEmpty();
	}

	@Test
	void findsEachProblemAndCountsItPerTopic() {
		assertThat(this.problems.count(record("traceparent", VALID, "traceparent", VALID)))
			.containsExactly("traceparent:duplicate");
		assertThat(this.problems.count(record("traceparent", "garbage"))).containsExactly("traceparent:invalid");
		assertThat(this.problems.count(record("traceparent", VALID, "tracestate", "A=1")))
			.containsExactly("tracestate:invalid");
		assertThat(this.problems.count(record("traceparent", VALID, "baggage", "user id=1")))
			.containsExactly("baggage:invalid");
		assertThat(this.problems.count(record("X-Request-Id", "bad id"))).containsExactly("X-Request-Id:invalid");
		assertThat(this.meters.get(TraceHeaderProblems.METER)
			.tag("topic", "orders")
			.tag("problem", "duplicate")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void findsBaggageBeyondTheLimits() {
		StringBuilder baggage = new StringBuilder();
		for (int i = 0; i < 65; i++) {
			baggage.append((i > 0) ? "," : "").append("k").append(i).append("=v");
		}
		assertThat(this.problems.count(record("baggage", baggage.toString()))).containsExactly("baggage:oversized");
		assertThat(this.problems.count(record("baggage", " k=v , k2=v2 "))).isEmpty();
	}

	@Test
	void findsBytesThatAreNotUtf8() {
		ConsumerRecord<String, String> record = record();
		record.headers().add("traceparent", new byte[] { (byte) 0xFF });
		record.headers().add("baggage", new byte[] { (byte) 0xFE });
		assertThat(this.problems.count(record)).containsExactly("traceparent:encoding", "baggage:encoding");
	}

	private static ConsumerRecord<String, String> record(String... headers) {
		ConsumerRecord<String, String> record = new ConsumerRecord<>("orders", 0, 0, "k", "v");
		for (int i = 0; i < headers.length; i += 2) {
			record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

}
