package io.github.correlation.w3c;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

import io.github.correlation.test.MultiMapCarrier;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class W3cConformingPropagatorTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

	private final TextMapPropagator opentelemetry = TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
			W3CBaggagePropagator.getInstance());

	private final W3cConformingPropagator propagator = new W3cConformingPropagator(this.opentelemetry);

	@Test
	void combinesRepeatedTracestateHeaders() {
		SpanContext extracted = extract(
				MultiMapCarrier.of("traceparent", TRACEPARENT, "tracestate", "a=1", "tracestate", "b=2"));
		assertThat(extracted.getTraceState().asMap()).containsEntry("a", "1").containsEntry("b", "2");
	}

	@Test
	void startsANewTraceWhenAClassIsMissingInsteadOfThrowingIntoTheListener() {
		TextMapPropagator missingClass = new TextMapPropagator() {

			@Override
			public Collection<String> fields() {
				return List.of("traceparent");
			}

			@Override
			public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
			}

			@Override
			public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
				throw new NoClassDefFoundError("jakarta/servlet/http/HttpServletRequest");
			}

		};
		Context extracted = new W3cConformingPropagator(missingClass).extract(Context.root(),
				MultiMapCarrier.of("traceparent", TRACEPARENT), MultiMapCarrier.GETTER);
		assertThat(Span.fromContext(extracted).getSpanContext().isValid()).isFalse();
	}

	@Test
	void startsANewTraceWhenTraceparentIsRepeated() {
		assertThat(extract(MultiMapCarrier.of("traceparent", TRACEPARENT, "traceparent", TRACEPARENT)).isValid())
			.isFalse();
	}

	@Test
	void keepsTheLeftMostMemberOfARepeatedTracestateKey() {
		SpanContext extracted = extract(MultiMapCarrier.of("traceparent", TRACEPARENT, "tracestate", "a=1,a=2"));
		assertThat(extracted.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(extracted.getTraceState().asMap()).containsExactly(entry("a", "1"));
	}

	@Test
	void keepsAndForwardsKeysThatOpenTelemetryAloneDrops() {
		String list = "foo@=1,foo@@bar=2,foo@bar@baz=3,t@" + "v".repeat(15) + "=4," + "t".repeat(242) + "@v=5,bar=6";
		MultiMapCarrier carrier = MultiMapCarrier.of("traceparent", TRACEPARENT, "tracestate", list);
		SpanContext alone = Span
			.fromContext(this.opentelemetry.extract(Context.root(), carrier, MultiMapCarrier.GETTER))
			.getSpanContext();
		assertThat(alone.getTraceState().isEmpty()).as("OpenTelemetry alone drops the whole list").isTrue();
		SpanContext extracted = extract(carrier);
		assertThat(extracted.getTraceState().size()).isEqualTo(6);
		assertThat(extracted.isRemote()).isTrue();
		MultiMapCarrier forwarded = new MultiMapCarrier();
		this.propagator.inject(Context.root().with(Span.wrap(extracted)), forwarded, MultiMapCarrier.SETTER);
		assertThat(forwarded.get("tracestate")).isEqualTo(list);
	}

	@Test
	void modifiedTracestateKeysMoveToTheLeft() {
		SpanContext extracted = extract(
				MultiMapCarrier.of("traceparent", TRACEPARENT, "tracestate", "foo@@bar=1,ours=old,bar=2"));
		TraceState modified = extracted.getTraceState()
			.toBuilder()
			.put("ours", "new")
			.put("Invalid Key", "x")
			.remove("bar")
			.build();
		assertThat(modified.asMap()).containsExactly(entry("ours", "new"), entry("foo@@bar", "1"));
	}

	@Test
	void ignoresTracestateWithoutAValidTraceparent() {
		SpanContext extracted = extract(MultiMapCarrier.of("traceparent", "garbage", "tracestate", "a=1"));
		assertThat(extracted.isValid()).isFalse();
	}

	@Test
	void keepsTheRandomTraceIdFlag() {
		SpanContext extracted = extract(MultiMapCarrier.of("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-03"));
		assertThat(extracted.getTraceFlags().isTraceIdRandom()).isTrue();
		assertThat(extracted.getTraceFlags().isSampled()).isTrue();
	}

	@Test
	void neverFailsExtraction() {
		TextMapGetter<MultiMapCarrier> failing = new TextMapGetter<>() {

			@Override
			public Iterable<String> keys(MultiMapCarrier carrier) {
				throw new IllegalStateException("broken carrier");
			}

			@Override
			public String get(MultiMapCarrier carrier, String key) {
				throw new IllegalStateException("broken carrier");
			}

			@Override
			public Iterator<String> getAll(MultiMapCarrier carrier, String key) {
				throw new IllegalStateException("broken carrier");
			}

		};
		Context context = Context.root();
		assertThat(this.propagator.extract(context, new MultiMapCarrier(), failing)).isSameAs(context);
	}

	@Test
	void keepsTheFirstWholeBaggageMembersOfAnOversizedHeader() {
		List<String> members = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			members.add("key" + i + "=" + "v".repeat(100));
		}
		MultiMapCarrier carrier = MultiMapCarrier.of("baggage", String.join(",", members));
		Baggage alone = Baggage
			.fromContext(this.opentelemetry.extract(Context.root(), carrier, MultiMapCarrier.GETTER));
		Baggage conforming = Baggage
			.fromContext(this.propagator.extract(Context.root(), carrier, MultiMapCarrier.GETTER));
		assertThat(alone.size()).as("OpenTelemetry alone drops the whole oversized header").isZero();
		assertThat(conforming.size()).isEqualTo(64);
		assertThat(conforming.getEntryValue("key0")).isEqualTo("v".repeat(100));
	}

	@Test
	void writesOnlyValidFieldValues() {
		TextMapPropagator plainHeaders = new TextMapPropagator() {

			@Override
			public java.util.Collection<String> fields() {
				return List.of("user_id", "tenant", "padded", "plain");
			}

			@Override
			public <C> void inject(Context context, C carrier,
					io.opentelemetry.context.propagation.TextMapSetter<C> setter) {
				setter.set(carrier, "user_id", "admin\r\nX-Injected: yes");
				setter.set(carrier, "tenant", "Jos\u00e9");
				setter.set(carrier, "padded", "\tx ");
				setter.set(carrier, "plain", "a b\tc");
			}

			@Override
			public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
				return context;
			}

		};
		MultiMapCarrier carrier = new MultiMapCarrier();
		new W3cConformingPropagator(plainHeaders).inject(Context.root(), carrier, MultiMapCarrier.SETTER);
		assertThat(carrier.get("user_id")).isNull();
		assertThat(carrier.get("tenant")).isNull();
		assertThat(carrier.get("padded")).isNull();
		assertThat(carrier.get("plain")).isEqualTo("a b\tc");
	}

	@Test
	void injectsAtMostSixtyFourBaggageMembers() {
		var builder = Baggage.builder();
		for (int i = 0; i < 80; i++) {
			builder.put("key" + i, "value");
		}
		MultiMapCarrier carrier = new MultiMapCarrier();
		this.propagator.inject(Context.root().with(builder.build()), carrier, MultiMapCarrier.SETTER);
		assertThat(carrier.get("baggage").split(",")).hasSize(64);
	}

	@Test
	void percentEncodesBaggageValuesBothWays() {
		String value = "a b,c;d=é%";
		MultiMapCarrier carrier = new MultiMapCarrier();
		this.propagator.inject(Context.root().with(Baggage.builder().put("tenant", value).build()), carrier,
				MultiMapCarrier.SETTER);
		assertThat(carrier.get("baggage")).doesNotContain(" ", ";d", "é").startsWith("tenant=");
		Baggage extracted = Baggage
			.fromContext(this.propagator.extract(Context.root(), carrier, MultiMapCarrier.GETTER));
		assertThat(extracted.getEntryValue("tenant")).isEqualTo(value);
	}

	@Test
	void truncatesOutgoingTracestate() {
		var state = TraceState.builder();
		for (int i = 0; i < 32; i++) {
			state.put("key" + i, "v".repeat(40));
		}
		SpanContext spanContext = SpanContext.create(TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(),
				state.build());
		MultiMapCarrier carrier = new MultiMapCarrier();
		this.propagator.inject(Context.root().with(Span.wrap(spanContext)), carrier, MultiMapCarrier.SETTER);
		assertThat(carrier.get("traceparent")).isEqualTo(TRACEPARENT);
		assertThat(carrier.get("tracestate")).hasSizeLessThanOrEqualTo(512);
		assertThat(carrier.get("tracestate").split(",")).hasSizeGreaterThan(1);
	}

	private SpanContext extract(MultiMapCarrier carrier) {
		return Span.fromContext(this.propagator.extract(Context.root(), carrier, MultiMapCarrier.GETTER))
			.getSpanContext();
	}

}
