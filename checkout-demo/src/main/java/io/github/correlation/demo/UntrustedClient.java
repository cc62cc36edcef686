package io.github.correlation.demo;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.github.correlation.testkit.ReceivedSpan;
import io.github.correlation.testkit.Trace;

/**
 * A client outside, as the gateway sees it: it sends a {@code traceparent} of its own and
 * a {@code user_id} baggage entry. The gateway is at the edge
 * ({@code correlation.edge.enabled=true}, no trusted networks), so the checkout runs in a
 * new trace that links to the client's, and no service behind the gateway sees
 * {@code user_id}.
 *
 * @param traceId the client's trace id
 * @param headers the headers the client sends
 * @author Correlation contributors
 */
record UntrustedClient(String traceId, Map<String, String> headers) {

	static UntrustedClient create() {
		HexFormat hex = HexFormat.of();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String traceId = hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
		String traceParent = "00-" + traceId + "-" + hex.toHexDigits(random.nextLong()) + "-01";
		return new UntrustedClient(traceId, Map.of("traceparent", traceParent, "baggage", "user_id=admin"));
	}

	/**
	 * What became of the client's context in one checkout.
	 * @param checkout the checkout
	 * @param trace its trace
	 * @param lines the log lines of every service with the checkout's trace id
	 * @return the verdict
	 */
	Verdict verdict(Checkout checkout, Trace trace, List<ServiceLogs.Line> lines) {
		boolean restarted = !this.traceId.equals(checkout.traceId());
		boolean linked = trace.roots()
			.stream()
			.flatMap((root) -> root.links().stream())
			.map(ReceivedSpan.Link::traceId)
			.anyMatch(this.traceId::equals);
		long leaked = lines.stream()
			.filter((line) -> !line.service().equals("gateway") && line.raw().contains("user_id"))
			.count();
		return new Verdict(restarted, linked, leaked);
	}

	/**
	 * What became of the client's context.
	 *
	 * @param restarted whether the checkout ran in a trace of ours
	 * @param linked whether its root links to the client's trace
	 * @param leaked how many log lines behind the gateway mention {@code user_id}
	 */
	record Verdict(boolean restarted, boolean linked, long leaked) {

		boolean asExpected() {
			return this.restarted && this.linked && this.leaked == 0;
		}

		String line(String clientTraceId) {
			return "edge: the client sent trace " + clientTraceId + " and baggage user_id=admin; the gateway "
					+ (this.restarted ? "restarted the trace" : "CONTINUED the client's trace")
					+ (this.linked ? ", linked to the client's" : ", WITHOUT a link")
					+ "; orders and payments saw user_id "
					+ ((this.leaked == 0) ? "nowhere" : "in " + this.leaked + " log lines");
		}

	}

}
