package io.github.correlation.kafka.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import io.github.correlation.CarrierHeaders;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Reads the headers of Kafka records: the last value of a header, as Spring Kafka's own
 * getter does, and every value of it, so duplicated trace headers are seen. Bytes that
 * are not UTF-8 are read as {@value #MALFORMED}, which no trace header grammar accepts.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class KafkaHeadersGetter implements TextMapGetter<ConsumerRecord<?, ?>>, CarrierHeaders {

	/**
	 * The value read for header bytes that are not UTF-8.
	 */
	public static final String MALFORMED = "\uFFFD";

	/**
	 * The shared instance.
	 */
	public static final KafkaHeadersGetter INSTANCE = new KafkaHeadersGetter();

	private KafkaHeadersGetter() {
	}

	@Override
	public Iterable<String> keys(ConsumerRecord<?, ?> carrier) {
		List<String> keys = new ArrayList<>();
		carrier.headers().forEach((header) -> keys.add(header.key()));
		return keys;
	}

	@Override
	public @Nullable String get(@Nullable ConsumerRecord<?, ?> carrier, String key) {
		if (carrier == null) {
			return null;
		}
		Header header = carrier.headers().lastHeader(key);
		return (header != null) ? decode(header.value()) : null;
	}

	@Override
	public Iterator<String> getAll(@Nullable ConsumerRecord<?, ?> carrier, String key) {
		return (carrier != null) ? values(carrier.headers(), key).iterator() : Collections.emptyIterator();
	}

	@Override
	public @Nullable Iterator<String> values(Object carrier, String name) {
		if (carrier instanceof ConsumerRecord<?, ?> record) {
			return values(record.headers(), name).iterator();
		}
		if (carrier instanceof ProducerRecord<?, ?> record) {
			return values(record.headers(), name).iterator();
		}
		return null;
	}

	static List<String> values(Headers headers, String key) {
		List<String> values = new ArrayList<>();
		for (Header header : headers.headers(key)) {
			values.add(decode(header.value()));
		}
		return values;
	}

	static String decode(byte @Nullable [] bytes) {
		if (bytes == null) {
			return "";
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return MALFORMED;
		}
	}

}
