package io.github.correlation.testkit;

import java.util.Map;

import com.google.protobuf.ByteString;
import io.github.correlation.testkit.OtlpTraceDecoder.MalformedRequestException;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class OtlpTraceDecoderTests {

	@Test
	void rendersScalarAttributeValuesAsJavaPrintsThem() {
		assertThat(OtlpTraceDecoder.render(AnyValue.newBuilder().setStringValue("text").build())).isEqualTo("text");
		assertThat(OtlpTraceDecoder.render(AnyValue.newBuilder().setBoolValue(true).build())).isEqualTo("true");
		assertThat(OtlpTraceDecoder.render(AnyValue.newBuilder().setIntValue(-42).build())).isEqualTo("-42");
		assertThat(OtlpTraceDecoder.render(AnyValue.newBuilder().setDoubleValue(0.5).build())).isEqualTo("0.5");
		assertThat(OtlpTraceDecoder.render(AnyValue.getDefaultInstance())).isEmpty();
	}

	@Test
	void rendersBytesInBase64() {
		AnyValue value = AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("hi")).build();
		assertThat(OtlpTraceDecoder.render(value)).isEqualTo("aGk=");
	}

	@Test
	void rendersArraysAndMapsRecursively() {
		AnyValue array = AnyValue.newBuilder()
			.setArrayValue(ArrayValue.newBuilder()
				.addValues(AnyValue.newBuilder().setStringValue("a"))
				.addValues(AnyValue.newBuilder().setIntValue(1)))
			.build();
		AnyValue map = AnyValue.newBuilder()
			.setKvlistValue(KeyValueList.newBuilder()
				.addValues(OtlpRequests.attribute("k", array))
				.addValues(OtlpRequests.attribute("l", "v")))
			.build();
		assertThat(OtlpTraceDecoder.render(array)).isEqualTo("[a, 1]");
		assertThat(OtlpTraceDecoder.render(map)).isEqualTo("{k=[a, 1], l=v}");
	}

	@Test
	void keepsOnlySpanAttributesNotResourceAttributes() throws Exception {
		ReceivedSpan span = OtlpTraceDecoder
			.decode(OtlpRequests.request("gateway",
					OtlpRequests.span("00f067aa0ba902b7", "", "root").addAttributes(OtlpRequests.attribute("a", "b"))))
			.get(0);
		assertThat(span.attributes()).containsOnlyKeys("a");
	}

	@Test
	void decodesSpanEventsWithTheirTimesAndRenderedAttributes() throws Exception {
		Span.Builder span = OtlpRequests.span("00f067aa0ba902b7", "", "POST /payments")
			.addEvents(Span.Event.newBuilder()
				.setName("log")
				.setTimeUnixNano(1_200_000_000L)
				.addAttributes(OtlpRequests.attribute("log.severity", "WARN"))
				.addAttributes(OtlpRequests.attribute("log.message", "card ****0002 declined")))
			.addEvents(Span.Event.newBuilder()
				.setName("exception")
				.setTimeUnixNano(1_300_000_000L)
				.addAttributes(OtlpRequests.attribute("exception.type", "java.lang.IllegalStateException"))
				.addAttributes(OtlpRequests.attribute("attempt", AnyValue.newBuilder().setIntValue(2).build())));
		ReceivedSpan received = OtlpTraceDecoder.decode(OtlpRequests.request("payments", span)).get(0);
		assertThat(received.events()).extracting(ReceivedSpan.Event::name, ReceivedSpan.Event::epochNanos)
			.containsExactly(tuple("log", 1_200_000_000L), tuple("exception", 1_300_000_000L));
		assertThat(received.events().get(0).attributes()).containsExactly(Map.entry("log.severity", "WARN"),
				Map.entry("log.message", "card ****0002 declined"));
		assertThat(received.events("exception")).singleElement().satisfies((event) -> {
			assertThat(event.attribute("exception.type")).isEqualTo("java.lang.IllegalStateException");
			assertThat(event.attribute("attempt")).isEqualTo("2");
		});
	}

	@Test
	void decodesASpanWithoutEventsToNoEvents() throws Exception {
		ReceivedSpan span = OtlpTraceDecoder
			.decode(OtlpRequests.request("gateway", OtlpRequests.span("00f067aa0ba902b7", "", "root")))
			.get(0);
		assertThat(span.events()).isEmpty();
	}

	@Test
	void readsAnUnspecifiedKindAsInternal() throws Exception {
		ReceivedSpan span = OtlpTraceDecoder
			.decode(OtlpRequests.request("gateway",
					OtlpRequests.span("00f067aa0ba902b7", "", "root").setKind(Span.SpanKind.SPAN_KIND_UNSPECIFIED)))
			.get(0);
		assertThat(span.kind()).isEqualTo("INTERNAL");
		assertThat(span.statusCode()).isEqualTo("UNSET");
	}

	@Test
	void rejectsAParentSpanIdOfTheWrongLength() {
		assertThatExceptionOfType(MalformedRequestException.class)
			.isThrownBy(() -> OtlpTraceDecoder.decode(OtlpRequests.request("gateway",
					OtlpRequests.span("00f067aa0ba902b7", "", "root").setParentSpanId(OtlpRequests.bytes("0102")))))
			.withMessageContaining("parent span id of 2 bytes");
	}

}
