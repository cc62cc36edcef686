package io.github.correlation.kafka.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaHeadersGetterTests {

	@Test
	void readsTheLastValueLikeSpringKafkaAndEveryValueForTheRules() {
		ConsumerRecord<String, String> record = record();
		record.headers().add("tracestate", "a=1".getBytes(StandardCharsets.UTF_8));
		record.headers().add("tracestate", "b=2".getBytes(StandardCharsets.UTF_8));
		assertThat(KafkaHeadersGetter.INSTANCE.get(record, "tracestate")).isEqualTo("b=2");
		List<String> all = new ArrayList<>();
		KafkaHeadersGetter.INSTANCE.values(record, "tracestate").forEachRemaining(all::add);
		assertThat(all).containsExactly("a=1", "b=2");
	}

	@Test
	void readsBytesThatAreNotUtf8AsMalformed() {
		ConsumerRecord<String, String> record = record();
		record.headers().add("traceparent", new byte[] { (byte) 0xC3, (byte) 0x28 });
		assertThat(KafkaHeadersGetter.INSTANCE.get(record, "traceparent")).isEqualTo(KafkaHeadersGetter.MALFORMED);
	}

	@Test
	void readsProducerRecordsAndIgnoresOtherCarriers() {
		ProducerRecord<String, String> record = new ProducerRecord<>("t", "v");
		record.headers().add("baggage", "k=v".getBytes(StandardCharsets.UTF_8));
		assertThat(KafkaHeadersGetter.INSTANCE.values(record, "baggage")).toIterable().containsExactly("k=v");
		assertThat(KafkaHeadersGetter.INSTANCE.values("not a record", "baggage")).isNull();
	}

	@Test
	void isNullSafe() {
		assertThat(KafkaHeadersGetter.INSTANCE.get(null, "traceparent")).isNull();
		assertThat(KafkaHeadersGetter.INSTANCE.getAll(null, "traceparent")).isExhausted();
		ConsumerRecord<String, String> record = record();
		record.headers().add("traceparent", null);
		assertThat(KafkaHeadersGetter.INSTANCE.get(record, "traceparent")).isEmpty();
	}

	static ConsumerRecord<String, String> record() {
		return new ConsumerRecord<>("topic", 0, 0, "key", "value");
	}

}
