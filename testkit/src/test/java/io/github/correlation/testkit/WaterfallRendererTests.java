package io.github.correlation.testkit;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WaterfallRendererTests {

	private final Trace trace = Spans.trace(Spans.span("a", "", "gateway", "GET /orders", 0, 120),
			Spans.span("b", "a", "gateway", "http get orders", 60, 115),
			Spans.span("c", "b", "orders", "GET /orders/{id}", 62, 110, "ERROR"),
			Spans.span("d", "c", "orders", "SELECT orders", 70, 82.5),
			Spans.span("e", "x", "billing", "charge", 20, 30));

	@Test
	void printsAHeaderWithIdDurationSpanCountAndServices() {
		String header = lines(this.trace).get(0);
		assertThat(header)
			.isEqualTo("trace " + Spans.TRACE_ID + "  120.0 ms  5 spans  services: billing, gateway, orders");
	}

	@Test
	void rendersOneLinePerSpanDepthFirstIndentedByTwoSpacesPerLevel() {
		List<String> lines = lines(this.trace);
		assertThat(lines).hasSize(6);
		assertThat(lines.get(1)).startsWith("gateway  GET /orders ");
		assertThat(lines.get(2)).startsWith("gateway    http get orders ");
		assertThat(lines.get(3)).startsWith("orders       GET /orders/{id} ");
		assertThat(lines.get(4)).startsWith("orders         SELECT orders ");
		assertThat(lines.get(5)).startsWith("billing  charge ");
	}

	@Test
	void alignsBarsAndDurations() {
		List<String> lines = lines(this.trace).subList(1, 6);
		assertThat(lines).extracting((line) -> line.indexOf('|')).containsOnly(lines.get(0).indexOf('|'));
		assertThat(lines.get(0)).contains("|" + "#".repeat(40) + "|");
		assertThat(lines.get(0)).endsWith("|     120.0 ms");
		assertThat(lines.get(3)).endsWith("|      12.5 ms");
	}

	@Test
	void drawsBarsProportionallyToTheWholeTrace() {
		List<String> lines = lines(this.trace);
		// Starts at 60 of 120 ms: the middle of a 40 cell bar.
		assertThat(bar(lines.get(2)).indexOf('#')).isEqualTo(20);
		// 20 to 30 of 120 ms: cells 6 to 9.
		assertThat(bar(lines.get(5))).isEqualTo("......####" + ".".repeat(30));
	}

	@Test
	void givesEvenAnInstantSpanOneCell() {
		Trace instant = Spans.trace(Spans.span("a", "", "gateway", "root", 0, 100),
				Spans.span("b", "a", "gateway", "instant", 100, 100));
		assertThat(bar(lines(instant).get(2))).isEqualTo(".".repeat(39) + "#");
	}

	@Test
	void marksErrorsAndOrphans() {
		List<String> lines = lines(this.trace);
		assertThat(lines.get(3)).endsWith(" ms ERROR");
		assertThat(lines.get(5)).endsWith(" ms (orphan)");
		assertThat(lines.get(1)).doesNotContain("ERROR", "(orphan)");
	}

	@Test
	void marksSpansOnlyReachableThroughAParentCycle() {
		Trace cycle = Spans.trace(Spans.span("a", "b", "gateway", "first", 0, 10),
				Spans.span("b", "a", "gateway", "second", 5, 10));
		List<String> lines = List.of(WaterfallRenderer.render(cycle).split("\n"));
		assertThat(lines).hasSize(3);
		assertThat(lines.get(1)).endsWith("(cycle)");
	}

	@Test
	void truncatesLongNamesToTheConfiguredWidth() {
		Trace trace = Spans.trace(Spans.span("a", "", "gateway", "a span name that is far too long", 0, 10));
		String line = new WaterfallRenderer(12, 10).format(trace).split("\n")[1];
		assertThat(line).isEqualTo("gateway  a span na... |##########|      10.0 ms");
	}

	@Test
	void printsEventsUnderTheirSpanInTimeOrderOneLevelDeeper() {
		ReceivedSpan payment = Spans.withEvents(Spans.span("b", "a", "payments", "POST /payments", 2, 14, "ERROR"),
				Spans.event("exception", 8, "exception.type", "java.lang.IllegalStateException", "exception.message",
						"card declined", "exception.stacktrace",
						"java.lang.IllegalStateException: card declined\n\tat"),
				Spans.event("log", 5, "log.severity", "WARN", "log.message", "card ****0002 declined", "log.logger",
						"com.acme.Payments", "thread.name", "http-nio-1"),
				Spans.event("retry", 6, "attempt", "2"));
		Trace trace = Spans.trace(Spans.span("a", "", "gateway", "GET /orders", 0, 20), payment,
				Spans.span("c", "a", "gateway", "SELECT orders", 15, 18));
		List<String> lines = lines(trace);
		assertThat(lines).hasSize(7);
		assertThat(lines.get(2)).startsWith("payments    POST /payments ").endsWith(" ms ERROR");
		assertThat(lines.subList(3, 6)).containsExactly("payments      ! WARN card ****0002 declined",
				"payments      - retry", "payments      ! ERROR IllegalStateException: card declined");
		assertThat(lines.get(6)).startsWith("gateway     SELECT orders ");
	}

	@Test
	void printsTheLogLineOfAnExceptionLoggedOnTheSpan() {
		Trace trace = Spans.trace(Spans.withEvents(Spans.span("a", "", "payments", "POST /payments", 0, 10),
				Spans.event("exception", 5, "exception.type", "com.acme.Payments$DeclinedException",
						"exception.message", "card declined", "exception.stacktrace", "at com.acme.Payments.charge",
						"log.severity", "WARN", "log.message", "charge failed")));
		assertThat(lines(trace).get(2))
			.isEqualTo("payments    ! WARN charge failed - DeclinedException: card declined");
	}

	@Test
	void printsAnExceptionWithoutMessageOrTypeAsFarAsKnown() {
		Trace trace = Spans.trace(Spans.withEvents(Spans.span("a", "", "payments", "POST /payments", 0, 10),
				Spans.event("exception", 5, "exception.type", "java.lang.NullPointerException"),
				Spans.event("exception", 6)));
		assertThat(lines(trace).subList(2, 4)).containsExactly("payments    ! ERROR NullPointerException",
				"payments    ! ERROR exception");
	}

	@Test
	void replacesControlCharactersInEventLines() {
		Trace trace = Spans.trace(Spans.withEvents(Spans.span("a", "", "payments", "POST /payments", 0, 10),
				Spans.event("log", 5, "log.severity", "WARN", "log.message", "card\ndeclined\u001b[31m\u202e"),
				Spans.event("odd\tname", 6)));
		List<String> lines = lines(trace);
		assertThat(lines).hasSize(4);
		assertThat(lines.get(2)).isEqualTo("payments    ! WARN card?declined?[31m?");
		assertThat(lines.get(3)).isEqualTo("payments    - odd?name");
	}

	@Test
	void cutsEventLinesToTheNameAndBarWidthAfterTheIndentation() {
		Trace trace = Spans.trace(Spans.withEvents(Spans.span("a", "", "gateway", "root", 0, 10),
				Spans.event("log", 5, "log.severity", "WARN", "log.message", "a message that is far too long"),
				Spans.event("short", 6)));
		List<String> lines = List.of(new WaterfallRenderer(12, 10).format(trace).split("\n"));
		// 12 + 10 = 22 characters after "gateway " and one level of indentation.
		assertThat(lines.get(2)).isEqualTo("gateway    ! WARN a message th...");
		assertThat(lines.get(2).substring("gateway    ".length())).hasSize(22);
		// Not padded to the bar.
		assertThat(lines.get(3)).isEqualTo("gateway    - short");
	}

	@Test
	void refusesWidthsTooSmallToShowAnything() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WaterfallRenderer(3, 10));
		assertThatIllegalArgumentException().isThrownBy(() -> new WaterfallRenderer(10, 0));
	}

	@Test
	void usesPlainAsciiOnly() {
		assertThat(WaterfallRenderer.render(this.trace).chars()).allMatch((c) -> c == '\n' || (c >= 32 && c < 127));
	}

	private static List<String> lines(Trace trace) {
		return List.of(WaterfallRenderer.render(trace).split("\n"));
	}

	private static String bar(String line) {
		return line.substring(line.indexOf('|') + 1, line.lastIndexOf('|'));
	}

}
