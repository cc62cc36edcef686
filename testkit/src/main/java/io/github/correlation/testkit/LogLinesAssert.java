package io.github.correlation.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on the correlation ids carried by JSON log lines. Ids are compared
 * ignoring case. Failure messages quote the offending lines, at most ten of them, each
 * with the reason it failed.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see CorrelationAssertions#assertThat(LogLines)
 */
public final class LogLinesAssert extends AbstractAssert<LogLinesAssert, LogLines> {

	private static final int MAX_QUOTED_LINES = 10;

	/**
	 * Create assertions on log lines; usually reached through
	 * {@link CorrelationAssertions#assertThat(LogLines)}.
	 * @param actual the lines to check
	 */
	public LogLinesAssert(@Nullable LogLines actual) {
		super(actual, LogLinesAssert.class);
	}

	/**
	 * Verify that there is at least one JSON log line.
	 * @return this assertion
	 */
	public LogLinesAssert isNotEmpty() {
		if (lines().isEmpty()) {
			failWithMessage("%s", "Expected JSON log lines but there are none" + setAside());
		}
		return this;
	}

	/**
	 * Verify the number of JSON log lines.
	 * @param expected the expected number of lines
	 * @return this assertion
	 */
	public LogLinesAssert hasSize(int expected) {
		if (lines().size() != expected) {
			failWithMessage("%s", "Expected " + expected + " JSON log lines but there are " + lines().size()
					+ quote(lines().lines()) + setAside());
		}
		return this;
	}

	/**
	 * Verify that every line carries the id of the given trace and the id of one of its
	 * spans. Select the lines written inside the trace first, for example with
	 * {@link LogLines#filter}. Fails if there is no line at all.
	 * @param trace the trace the lines belong to
	 * @return this assertion
	 */
	public LogLinesAssert allCarry(Trace trace) {
		isNotEmpty();
		Set<String> spanIds = spanIds(trace);
		String expectation = "Expected every log line to carry trace " + trace.traceId() + " and one of its "
				+ spanIds.size() + " span ids";
		check(expectation, (line) -> {
			String traceId = normalize(line.traceId());
			String spanId = normalize(line.spanId());
			if (!trace.traceId().equals(traceId)) {
				return (traceId != null) ? "trace id " + traceId : "no trace id";
			}
			if (spanId == null) {
				return "no span id";
			}
			return spanIds.contains(spanId) ? null : "span id " + spanId + " is not part of the trace";
		}, "\n" + trace.waterfall());
		return this;
	}

	/**
	 * Verify that every line that carries a trace id carries the id of one of the given
	 * traces, and the id of a span of that same trace. This catches cross-talk, such as a
	 * line with the trace id of one request and the span id of another. A line with a
	 * span id but no trace id fails as well; lines without ids pass.
	 * @param traces the traces that the lines may belong to
	 * @return this assertion
	 */
	public LogLinesAssert carryNoIdsOutside(Trace... traces) {
		Map<String, Set<String>> spanIdsByTrace = new HashMap<>();
		Map<String, String> traceBySpanId = new HashMap<>();
		for (Trace trace : traces) {
			spanIdsByTrace.put(trace.traceId(), spanIds(trace));
			trace.spans().forEach((span) -> traceBySpanId.put(span.spanId(), trace.traceId()));
		}
		check("Expected log lines to carry only the ids of traces " + spanIdsByTrace.keySet(),
				(line) -> problemOutside(line, spanIdsByTrace, traceBySpanId), "");
		return this;
	}

	/**
	 * Verify that every line carries a trace id and a span id, whatever they are. Fails
	 * if there is no line at all.
	 * @return this assertion
	 */
	public LogLinesAssert allCarryTraceIds() {
		isNotEmpty();
		check("Expected every log line to carry a trace id and a span id", (line) -> {
			if (normalize(line.traceId()) == null) {
				return "no trace id";
			}
			return (normalize(line.spanId()) != null) ? null : "no span id";
		}, "");
		return this;
	}

	/**
	 * Verify that no line carries a trace id or a span id.
	 * @return this assertion
	 */
	public LogLinesAssert noneCarryTraceIds() {
		check("Expected no log line to carry a trace id or a span id", (line) -> {
			String traceId = normalize(line.traceId());
			if (traceId != null) {
				return "trace id " + traceId;
			}
			String spanId = normalize(line.spanId());
			return (spanId != null) ? "span id " + spanId : null;
		}, "");
		return this;
	}

	private static @Nullable String problemOutside(LogLine line, Map<String, Set<String>> spanIdsByTrace,
			Map<String, String> traceBySpanId) {
		String traceId = normalize(line.traceId());
		String spanId = normalize(line.spanId());
		if (traceId == null) {
			return (spanId != null) ? "span id " + spanId + " without a trace id" : null;
		}
		Set<String> spanIds = spanIdsByTrace.get(traceId);
		if (spanIds == null) {
			return "trace id " + traceId + " is none of the given traces";
		}
		if (spanId == null) {
			return "no span id";
		}
		String owner = traceBySpanId.get(spanId);
		return spanIds.contains(spanId) ? null : "span id " + spanId + " is not part of trace " + traceId
				+ ((owner != null) ? " but of trace " + owner : "");
	}

	// Fails with every line for which problem returns a reason.
	private void check(String expectation, Function<LogLine, @Nullable String> problem, String context) {
		List<String> offending = lines().stream().map((line) -> {
			String reason = problem.apply(line);
			return (reason != null) ? "[" + reason + "] " + line.raw() : null;
		}).filter(Objects::nonNull).toList();
		if (!offending.isEmpty()) {
			failWithMessage("%s", expectation + ", but " + offending.size() + " of " + lines().size() + " lines do not:"
					+ quote(offending) + context);
		}
	}

	private static String quote(List<?> lines) {
		String quoted = lines.stream()
			.limit(MAX_QUOTED_LINES)
			.map((line) -> "\n  " + line)
			.collect(Collectors.joining());
		int more = lines.size() - MAX_QUOTED_LINES;
		return (more > 0) ? quoted + "\n  ... and " + more + " more" : quoted;
	}

	private static Set<String> spanIds(Trace trace) {
		return trace.spans().stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
	}

	private static @Nullable String normalize(@Nullable String id) {
		return (id != null && !id.isBlank()) ? id.strip().toLowerCase(Locale.ROOT) : null;
	}

	private String setAside() {
		int nonJson = lines().nonJsonLines().size();
		return (nonJson > 0) ? " (" + nonJson + " lines that are not JSON objects were set aside)" : "";
	}

	private LogLines lines() {
		isNotNull();
		return this.actual;
	}

}
