package io.github.correlation.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.correlation.internal.Printable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the propagation audit found in this application: contexts lost (root spans that
 * started inside an internal operation), hops that arrived without a context, and
 * application log lines written outside any trace. Each is counted in a Micrometer
 * counter; losses and hops are reported in a WARN line from logger {@value #LOGGER}, the
 * first time and then at most once per interval with the count since. Before the
 * application is ready nothing counts as a problem: work during startup has no request to
 * belong to, and its roots are counted apart.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ContextAudit {

	/**
	 * Name of the logger that reports what the audit finds.
	 */
	public static final String LOGGER = "io.github.correlation.audit";

	/**
	 * Counter of root spans that started inside an internal operation.
	 */
	public static final String LOST_METER = "correlation.context.lost";

	/**
	 * Counter of hops that arrived without a trace context.
	 */
	public static final String MISSING_METER = "correlation.context.missing";

	/**
	 * Counter of application log lines written outside any trace.
	 */
	public static final String UNCORRELATED_METER = "correlation.logs.uncorrelated";

	// Past this many distinct names per kind of finding, new names are counted as
	// "other":
	// span names and routes are low cardinality by convention, but not by force.
	static final int MAX_NAMES = 200;

	static final String OTHER = "other";

	private static final Log logger = LogFactory.getLog(LOGGER);

	private final Supplier<@Nullable MeterRegistry> meterRegistry;

	private final Duration reportInterval;

	private final Clock clock;

	private final Map<String, Finding> losses = new ConcurrentHashMap<>();

	private final Map<String, Finding> missing = new ConcurrentHashMap<>();

	private final Map<String, Finding> uncorrelatedLogs = new ConcurrentHashMap<>();

	private final Map<String, Finding> startupRoots = new ConcurrentHashMap<>();

	private volatile boolean ready;

	/**
	 * Create a new instance.
	 * @param meterRegistry supplies where to count, or {@code null} to count only in the
	 * report; called when the first finding is counted
	 * @param reportInterval the least time between two WARN lines about the same finding
	 * @param clock the clock
	 */
	public ContextAudit(Supplier<@Nullable MeterRegistry> meterRegistry, Duration reportInterval, Clock clock) {
		this.meterRegistry = meterRegistry;
		this.reportInterval = reportInterval;
		this.clock = clock;
	}

	/**
	 * Mark the application ready: from now on, roots that start inside an internal
	 * operation are context losses.
	 */
	public void ready() {
		this.ready = true;
	}

	/**
	 * Whether the application is ready.
	 * @return {@code true} once {@link #ready()} was called
	 */
	public boolean isReady() {
		return this.ready;
	}

	/**
	 * Record a span that started without a parent inside an internal operation.
	 * @param kind the span kind, lower case
	 * @param span the span name
	 * @param thread the thread that started it
	 * @param site the first application frame on that thread's stack
	 */
	public void contextLost(String kind, String span, String thread, String site) {
		String name = Printable.of(span, 100);
		String safeThread = Printable.of(thread, 100);
		Finding finding = find(this.losses, kind, name);
		String message = "context lost: " + kind + " span '" + finding.name() + "' started without a parent on thread '"
				+ safeThread + "' at " + site
				+ " - hand the work to an executor bean, or wrap it with TaskContext.wrap(...)";
		report(finding.occurred(now(), safeThread, site, message, this.reportInterval), message);
		count(LOST_METER, "Spans that started without a parent inside an internal operation", "kind", kind, "span",
				finding.name());
	}

	/**
	 * Record a root span that started before the application was ready.
	 * @param kind the span kind, lower case
	 * @param span the span name
	 */
	public void startupRoot(String kind, String span) {
		find(this.startupRoots, kind, Printable.of(span, 100)).occurred(now(), "", "", "", this.reportInterval);
	}

	/**
	 * Record a hop that arrived without a trace context.
	 * @param boundary the boundary, such as {@code http.server} or {@code kafka.consumer}
	 * @param tag the name of the tag that says where: {@code uri} or {@code topic}
	 * @param target the route template or topic
	 * @param message the sentence that names the hop and the fix, or {@code null} to
	 * count without a WARN line
	 */
	public void contextMissing(String boundary, String tag, String target, @Nullable String message) {
		if (!this.ready) {
			return;
		}
		Finding finding = find(this.missing, boundary, Printable.of(target, 200));
		String text = (message != null) ? Printable.of(message, 500) : "";
		long due = finding.occurred(now(), Printable.of(Thread.currentThread().getName(), 100), tag, text,
				this.reportInterval);
		if (message != null) {
			report(due, text);
		}
		count(MISSING_METER, "Hops that arrived without a trace context", "boundary", boundary, tag, finding.name());
	}

	/**
	 * Record an application log line written outside any trace.
	 * @param loggerName the logger
	 * @param thread the thread that wrote it
	 */
	public void uncorrelatedLog(String loggerName, String thread) {
		if (!this.ready) {
			return;
		}
		// No line is written for these: the report and the counter name the logger.
		Finding finding = find(this.uncorrelatedLogs, "log", Printable.of(loggerName, 200));
		finding.occurred(now(), Printable.of(thread, 100), "", "", this.reportInterval);
		count(UNCORRELATED_METER, "Application log lines written outside any trace", "logger", finding.name());
	}

	/**
	 * Forget everything found so far. Counters keep counting: meters are monotonic.
	 */
	public void reset() {
		this.losses.clear();
		this.missing.clear();
		this.uncorrelatedLogs.clear();
		this.startupRoots.clear();
	}

	List<Finding> losses() {
		return new ArrayList<>(this.losses.values());
	}

	List<Finding> missing() {
		return new ArrayList<>(this.missing.values());
	}

	List<Finding> uncorrelatedLogs() {
		return new ArrayList<>(this.uncorrelatedLogs.values());
	}

	List<Finding> startupRoots() {
		return new ArrayList<>(this.startupRoots.values());
	}

	private Finding find(Map<String, Finding> findings, String category, String name) {
		String key = category + '\u0000' + name;
		Finding finding = findings.get(key);
		if (finding != null) {
			return finding;
		}
		if (findings.size() >= MAX_NAMES) {
			return findings.computeIfAbsent(category + '\u0000' + OTHER,
					(other) -> new Finding(category, OTHER, now()));
		}
		return findings.computeIfAbsent(key, (created) -> new Finding(category, name, now()));
	}

	private void report(long occurrences, String message) {
		if (occurrences == 1) {
			logger.warn(message);
		}
		else if (occurrences > 1) {
			logger.warn(message + " (" + occurrences + " times since the last report)");
		}
	}

	private void count(String meter, String description, String... tags) {
		MeterRegistry registry = this.meterRegistry.get();
		if (registry != null) {
			Counter.builder(meter).description(description).tags(tags).register(registry).increment();
		}
	}

	private Instant now() {
		return this.clock.instant();
	}

}
