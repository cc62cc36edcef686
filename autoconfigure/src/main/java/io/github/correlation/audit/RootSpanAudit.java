package io.github.correlation.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.util.PatternMatchUtils;

/**
 * Classifies every span that starts without a parent. Server and consumer spans are where
 * traces begin; so are {@code @Scheduled} runs, spans of work declared with
 * {@link ExpectedRoot} and spans named in {@code correlation.audit.expected-roots}. Every
 * other root - an HTTP client, JDBC, Kafka producer, internal or hand-made span - started
 * inside an operation that had lost its context, and is reported to the
 * {@link ContextAudit} when it ends (its name is final only then), with the thread and
 * the application code that started it.
 * <p>
 * A span with a parent costs one check; the stack is walked only for a root that is about
 * to be reported. Roots the sampler would drop are still seen: {@link AuditingSampler}
 * records them without exporting them.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class RootSpanAudit implements SpanProcessor {

	// Spans that never end must not fill the heap.
	static final int MAX_PENDING = 10_000;

	private static final Candidate STARTUP = new Candidate("", "");

	private final ContextAudit audit;

	private final CallSites callSites;

	private final String[] expectedRoots;

	private final Map<ReadableSpan, Candidate> pending = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param audit where losses are recorded
	 * @param callSites finds the code that started a span
	 * @param expectedRoots span name patterns ({@code *} matches any text) of roots that
	 * are expected
	 */
	public RootSpanAudit(ContextAudit audit, CallSites callSites, List<String> expectedRoots) {
		this.audit = audit;
		this.callSites = callSites;
		this.expectedRoots = expectedRoots.toArray(String[]::new);
	}

	/**
	 * Whether a span of the given kind may start a trace, whatever its name.
	 * @param kind the span kind
	 * @return {@code true} for server and consumer spans
	 */
	static boolean isEntry(SpanKind kind) {
		return kind == SpanKind.SERVER || kind == SpanKind.CONSUMER;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		if (span.getParentSpanContext().isValid() || isEntry(span.getKind()) || ExpectedRoot.isDeclared()
				|| this.pending.size() >= MAX_PENDING) {
			return;
		}
		if (!this.audit.isReady()) {
			this.pending.put(span, STARTUP);
			return;
		}
		String name = span.getName();
		if (!name.isEmpty() && isExpected(name)) {
			return;
		}
		CallSites.Site site = this.callSites.find();
		if (!site.scheduled()) {
			this.pending.put(span, new Candidate(Thread.currentThread().getName(), site.frame()));
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (this.pending.isEmpty()) {
			return;
		}
		Candidate candidate = this.pending.remove(span);
		if (candidate == null || isExpected(span.getName())) {
			return;
		}
		String kind = span.getKind().name().toLowerCase(Locale.ROOT);
		if (candidate == STARTUP) {
			this.audit.startupRoot(kind, span.getName());
		}
		else {
			this.audit.contextLost(kind, span.getName(), candidate.thread(), candidate.site());
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	private boolean isExpected(String name) {
		return PatternMatchUtils.simpleMatch(this.expectedRoots, name);
	}

	/**
	 * A root span that will be reported when it ends, unless its final name says it is
	 * expected.
	 *
	 * @param thread the thread that started it
	 * @param site the application code that started it
	 */
	private record Candidate(String thread, String site) {
	}

}
