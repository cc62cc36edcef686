package io.github.correlation.requestid;

import java.util.List;

import io.github.correlation.test.MultiMapCarrier;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdPropagatorTests {

	private final RequestIdPropagator propagator = new RequestIdPropagator("X-Request-Id", List.of("X-Correlation-Id"),
			"request_id", new RequestIdPolicy(64), () -> "generated-1");

	@Test
	void extractsTheHeaderIntoBaggage() {
		Context context = extract(MultiMapCarrier.of("x-request-id", "abc-123"));
		assertThat(this.propagator.requestId(context)).isEqualTo("abc-123");
		assertThat(Baggage.fromContext(context).getEntryValue("request_id")).isEqualTo("abc-123");
	}

	@Test
	void acceptsAnAliasWhenTheMainHeaderIsAbsentOrInvalid() {
		assertThat(this.propagator.requestId(extract(MultiMapCarrier.of("X-Correlation-Id", "alias-1"))))
			.isEqualTo("alias-1");
		assertThat(this.propagator
			.requestId(extract(MultiMapCarrier.of("X-Request-Id", "bad value", "X-Correlation-Id", "alias-1"))))
			.isEqualTo("alias-1");
	}

	@Test
	void acceptsAValidInboundBaggageEntryWhenNoHeaderIsPresent() {
		Context withBaggage = Context.root().with(Baggage.builder().put("request_id", "from-baggage").build());
		assertThat(this.propagator
			.requestId(this.propagator.extract(withBaggage, new MultiMapCarrier(), MultiMapCarrier.GETTER)))
			.isEqualTo("from-baggage");
	}

	@Test
	void headerWinsOverBaggage() {
		Context withBaggage = Context.root().with(Baggage.builder().put("request_id", "from-baggage").build());
		assertThat(this.propagator.requestId(this.propagator.extract(withBaggage,
				MultiMapCarrier.of("X-Request-Id", "from-header"), MultiMapCarrier.GETTER)))
			.isEqualTo("from-header");
	}

	@Test
	void generatesAnIdWhenNoneOrOnlyInvalidOnesArrive() {
		assertThat(this.propagator.requestId(extract(new MultiMapCarrier()))).isEqualTo("generated-1");
		assertThat(this.propagator.requestId(extract(MultiMapCarrier.of("X-Request-Id", "evil\r\nSet-Cookie: x"))))
			.isEqualTo("generated-1");
		assertThat(this.propagator.requestId(extract(MultiMapCarrier.of("X-Request-Id", "x".repeat(65)))))
			.isEqualTo("generated-1");
		Context invalidBaggage = Context.root().with(Baggage.builder().put("request_id", "bad value").build());
		assertThat(this.propagator
			.requestId(this.propagator.extract(invalidBaggage, new MultiMapCarrier(), MultiMapCarrier.GETTER)))
			.isEqualTo("generated-1");
	}

	@Test
	void replacesAnInvalidGeneratedIdWithAUuid() {
		RequestIdPropagator badGenerator = new RequestIdPropagator("X-Request-Id", List.of(), "request_id",
				new RequestIdPolicy(64), () -> "not valid");
		assertThat(badGenerator.generate()).hasSize(36);
	}

	@Test
	void keepsOtherBaggage() {
		Context withBaggage = Context.root().with(Baggage.builder().put("tenant_id", "acme").build());
		Context extracted = this.propagator.extract(withBaggage, MultiMapCarrier.of("X-Request-Id", "r1"),
				MultiMapCarrier.GETTER);
		assertThat(Baggage.fromContext(extracted).getEntryValue("tenant_id")).isEqualTo("acme");
	}

	@Test
	void injectsTheHeaderReplacingAnyValue() {
		MultiMapCarrier carrier = MultiMapCarrier.of("X-Request-Id", "stale");
		this.propagator.inject(Context.root().with(Baggage.builder().put("request_id", "r1").build()), carrier,
				MultiMapCarrier.SETTER);
		assertThat(carrier.all("X-Request-Id")).containsExactly("r1");
	}

	@Test
	void injectsNothingWithoutAValidId() {
		MultiMapCarrier carrier = new MultiMapCarrier();
		this.propagator.inject(Context.root(), carrier, MultiMapCarrier.SETTER);
		this.propagator.inject(Context.root().with(Baggage.builder().put("request_id", "bad value").build()), carrier,
				MultiMapCarrier.SETTER);
		assertThat(carrier.headers()).isEmpty();
	}

	@Test
	void listsTheHeadersItReads() {
		assertThat(this.propagator.fields()).containsExactly("X-Request-Id", "X-Correlation-Id");
	}

	private Context extract(MultiMapCarrier carrier) {
		return this.propagator.extract(Context.root(), carrier, MultiMapCarrier.GETTER);
	}

}
