package io.github.correlation.testkit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class AwaitTraceTests {

	@AutoClose
	private final OtlpReceiver receiver = OtlpReceiver.start();

	@Test
	void returnsTheTraceOnceCompleteAndQuiet() {
		OtlpRequests.post(this.receiver.tracesEndpoint(),
				OtlpRequests.request("gateway", OtlpRequests.span("00f067aa0ba902b7", "", "root")));
		Trace trace = this.receiver.awaitTrace(OtlpRequests.TRACE_ID, (candidate) -> candidate.roots().size() == 1,
				Duration.ofSeconds(5), Duration.ofMillis(50));
		assertThat(trace.spans()).extracting(ReceivedSpan::name).containsExactly("root");
	}

	@Test
	void timesOutWithTheWaterfallSoFarWhenTheTraceNeverCompletes() {
		OtlpRequests.post(this.receiver.tracesEndpoint(), OtlpRequests.request("gateway",
				OtlpRequests.span("53995c3f42cd8ad8", "00f067aa0ba902b7", "lonely child")));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.receiver.awaitTrace(OtlpRequests.TRACE_ID, (trace) -> !trace.roots().isEmpty(),
					Duration.ofMillis(200)))
			.withMessageContaining(
					"Trace " + OtlpRequests.TRACE_ID + " did not complete within PT0.2S (1 spans received so far)")
			.withMessageContaining("lonely child")
			.withMessageContaining("(orphan)");
	}

	@Test
	void timesOutForATraceThatNeverArrives() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.receiver.awaitTrace(OtlpRequests.TRACE_ID, (trace) -> !trace.isEmpty(),
					Duration.ofMillis(100)))
			.withMessageContaining("0 spans received so far");
	}

	@Test
	void keepsWaitingForSpansThatArriveDuringTheQuietPeriod() throws Exception {
		CompletableFuture<Trace> awaited = CompletableFuture
			.supplyAsync(() -> this.receiver.awaitTrace(OtlpRequests.TRACE_ID, (trace) -> !trace.roots().isEmpty(),
					Duration.ofSeconds(10), Duration.ofSeconds(1)));
		OtlpRequests.post(this.receiver.tracesEndpoint(),
				OtlpRequests.request("gateway", OtlpRequests.span("00f067aa0ba902b7", "", "root")));
		OtlpRequests.post(this.receiver.tracesEndpoint(),
				OtlpRequests.request("orders", OtlpRequests.span("53995c3f42cd8ad8", "00f067aa0ba902b7", "late")));
		Trace trace = awaited.get(15, TimeUnit.SECONDS);
		assertThat(trace.spans()).extracting(ReceivedSpan::name).containsExactly("root", "late");
	}

	@Test
	void wakesUpAsSoonAsASpanArrives() {
		CompletableFuture<Trace> awaited = CompletableFuture.supplyAsync(() -> this.receiver
			.awaitTrace(OtlpRequests.TRACE_ID, (trace) -> !trace.isEmpty(), Duration.ofSeconds(30), Duration.ZERO));
		OtlpRequests.post(this.receiver.tracesEndpoint(),
				OtlpRequests.request("gateway", OtlpRequests.span("00f067aa0ba902b7", "", "root")));
		await().atMost(Duration.ofSeconds(5)).until(awaited::isDone);
		assertThat(awaited.join().spans()).hasSize(1);
	}

}
