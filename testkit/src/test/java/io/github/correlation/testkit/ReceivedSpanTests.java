package io.github.correlation.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.correlation.testkit.ReceivedSpan.Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ReceivedSpanTests {

	private final ReceivedSpan span = Spans.span("a", "", "payments", "POST /payments", 0, 10);

	@Test
	void hasNoEventsWhenCreatedWithoutThem() {
		assertThat(this.span.events()).isEmpty();
		assertThat(this.span.events("exception")).isEmpty();
	}

	@Test
	void findsEventsByName() {
		Event first = Spans.event("exception", 1, "exception.type", "java.lang.IllegalStateException");
		Event log = Spans.event("log", 2, "log.severity", "WARN");
		Event second = Spans.event("exception", 3);
		ReceivedSpan withEvents = Spans.withEvents(this.span, first, log, second);
		assertThat(withEvents.events()).containsExactly(first, log, second);
		assertThat(withEvents.events("exception")).containsExactly(first, second);
		assertThat(withEvents.events("log")).containsExactly(log);
		assertThat(withEvents.events("none")).isEmpty();
	}

	@Test
	void readsOneAttributeOfAnEvent() {
		Event event = Spans.event("log", 1, "log.severity", "WARN", "log.message", "declined");
		assertThat(event.attribute("log.severity")).isEqualTo("WARN");
		assertThat(event.attribute("log.message")).isEqualTo("declined");
		assertThat(event.attribute("exception.type")).isNull();
	}

	@Test
	void keepsUnmodifiableCopiesOfEventsAndTheirAttributes() {
		Map<String, String> attributes = new HashMap<>(Map.of("k", "v"));
		Event event = new Event("log", 1, attributes);
		attributes.put("later", "x");
		assertThat(event.attributes()).containsOnlyKeys("k");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> event.attributes().put("k", "w"));
		ReceivedSpan withEvents = Spans.withEvents(this.span, event);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> withEvents.events().add(event));
	}

	@Test
	void refusesNullEventsAndNames() {
		assertThatNullPointerException().isThrownBy(() -> new Event(null, 1, Map.of())).withMessage("name");
		assertThatNullPointerException().isThrownBy(() -> new ReceivedSpan(Spans.TRACE_ID, Spans.id("a"), "", "n",
				"INTERNAL", "s", 0, 0, "UNSET", Map.of(), List.of(), null));
	}

}
