package io.github.correlation.testkit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.correlation.testkit.OtlpRequests.TRACE_ID;
import static io.github.correlation.testkit.OtlpRequests.post;
import static io.github.correlation.testkit.OtlpRequests.request;
import static io.github.correlation.testkit.OtlpRequests.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class AwaitTraceTests {

	private OtlpReceiver receiver;

	@BeforeEach
	void startReceiver() {
		this.receiver = OtlpReceiver.start();
	}

	@AfterEach
	void closeReceiver() {
		this.receiver.close();
	}

	@Test
	void returnsTheTraceOnceCompleteAndQuiet() {
		post(this.receiver.tracesEndpoint(), request("gateway", span("00f067aa0ba902b7", "", "root")));
		Trace trace = this.receiver.awaitTrace(TRACE_ID, (candidate) -> candidate.roots().size() == 1,
				Duration.ofSeconds(5), Duration.ofMillis(50));
		assertThat(trace.spans()).extracting(ReceivedSpan::name).containsExactly("root");
	}

	@Test
	void timesOutWithTheWaterfallSoFarWhenTheTraceNeverCompletes() {
		post(this.receiver.tracesEndpoint(),
				request("gateway", span("53995c3f42cd8ad8", "00f067aa0ba902b7", "lonely child")));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.receiver.awaitTrace(TRACE_ID, (trace) -> !trace.roots().isEmpty(),
					Duration.ofMillis(200)))
			.withMessageContaining("Trace " + TRACE_ID + " did not complete within PT0.2S (1 spans received so far)")
			.withMessageContaining("lonely child")
			.withMessageContaining("(orphan)");
	}

	@Test
	void timesOutForATraceThatNeverArrives() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.receiver.awaitTrace(TRACE_ID, (trace) -> !trace.isEmpty(), Duration.ofMillis(100)))
			.withMessageContaining("0 spans received so far");
	}

	@Test
	void keepsWaitingForSpansThatArriveDuringTheQuietPeriod() throws Exception {
		CompletableFuture<Trace> awaited = CompletableFuture.supplyAsync(() -> this.receiver.awaitTrace(TRACE_ID,
				(trace) -> !trace.roots().isEmpty(), Duration.ofSeconds(10), Duration.ofSeconds(1)));
		post(this.receiver.tracesEndpoint(), request("gateway", span("00f067aa0ba902b7", "", "root")));
		post(this.receiver.tracesEndpoint(), request("orders", span("53995c3f42cd8ad8", "00f067aa0ba902b7", "late")));
		Trace trace = awaited.get(15, TimeUnit.SECONDS);
		assertThat(trace.spans()).extracting(ReceivedSpan::name).containsExactly("root", "late");
	}

	@Test
	void wakesUpAsSoonAsASpanArrives() {
		CompletableFuture<Trace> awaited = CompletableFuture.supplyAsync(() -> this.receiver.awaitTrace(TRACE_ID,
				(trace) -> !trace.isEmpty(), Duration.ofSeconds(30), Duration.ZERO));
		post(this.receiver.tracesEndpoint(), request("gateway", span("00f067aa0ba902b7", "", "root")));
		await().atMost(Duration.ofSeconds(5)).until(awaited::isDone);
		assertThat(awaited.join().spans()).hasSize(1);
	}

}
