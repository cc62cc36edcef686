package io.github.correlation.audit;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The propagation audit of this application as one report: the boundaries the starter
 * instrumented and those out of its reach, the contexts lost, the hops that arrived
 * without a context and the application log lines outside any trace. Actuator serves it
 * as the {@code correlation} endpoint; without Actuator it is this bean.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CorrelationReport {

	private static final Comparator<Finding> BY_COUNT = Comparator.comparingLong(Finding::count)
		.reversed()
		.thenComparing(Finding::name);

	private final ContextAudit audit;

	private final Supplier<List<BoundaryInventory>> inventories;

	private final Supplier<List<ReportSection>> sections;

	/**
	 * Create a new instance.
	 * @param audit what the audit found
	 * @param inventories supplies what each boundary instrumented
	 */
	public CorrelationReport(ContextAudit audit, Supplier<List<BoundaryInventory>> inventories) {
		this(audit, inventories, List::of);
	}

	/**
	 * Create a new instance.
	 * @param audit what the audit found
	 * @param inventories supplies what each boundary instrumented
	 * @param sections supplies the counts other parts add to the report
	 */
	public CorrelationReport(ContextAudit audit, Supplier<List<BoundaryInventory>> inventories,
			Supplier<List<ReportSection>> sections) {
		this.audit = audit;
		this.inventories = inventories;
		this.sections = sections;
	}

	/**
	 * Take the report as it stands.
	 * @return the report
	 */
	public Report report() {
		Map<String, Boundary> boundaries = new TreeMap<>();
		for (BoundaryInventory inventory : this.inventories.get()) {
			boundaries.merge(inventory.boundary(),
					new Boundary(new TreeMap<>(inventory.instrumented()), new TreeMap<>(inventory.outOfReach())),
					Boundary::merge);
		}
		List<ContextLoss> losses = this.audit.losses()
			.stream()
			.sorted(BY_COUNT)
			.map((finding) -> new ContextLoss(finding.category(), finding.name(), finding.count(), finding.firstSeen(),
					finding.lastSeen(), finding.thread(), finding.detail(), finding.message()))
			.toList();
		List<MissingContext> missing = this.audit.missing()
			.stream()
			.sorted(BY_COUNT)
			.map((finding) -> new MissingContext(finding.category(), finding.detail(), finding.name(), finding.count(),
					finding.firstSeen(), finding.lastSeen(), finding.message()))
			.toList();
		List<UncorrelatedLogs> logs = this.audit.uncorrelatedLogs()
			.stream()
			.sorted(BY_COUNT)
			.map((finding) -> new UncorrelatedLogs(finding.name(), finding.count(), finding.firstSeen(),
					finding.lastSeen(), finding.thread()))
			.toList();
		List<StartupRoot> startup = this.audit.startupRoots()
			.stream()
			.sorted(BY_COUNT)
			.map((finding) -> new StartupRoot(finding.category(), finding.name(), finding.count()))
			.toList();
		Map<String, Map<String, Long>> counts = new TreeMap<>();
		this.sections.get().forEach((section) -> counts.put(section.name(), section.counts()));
		return new Report(boundaries, losses, missing, logs, startup, counts);
	}

	/**
	 * Forget the losses, hops and log lines found so far, as the endpoint's delete
	 * operation does.
	 */
	public void reset() {
		this.audit.reset();
	}

	/**
	 * The report.
	 *
	 * @param boundaries what each boundary instrumented, by boundary name
	 * @param contextLosses the contexts lost, most frequent first
	 * @param missingContext the hops that arrived without a context, most frequent first
	 * @param uncorrelatedLogs the application loggers that wrote lines outside any trace,
	 * most frequent first
	 * @param startupRoots the roots started before the application was ready: not losses
	 * @param sections counts other parts of the starter add, by section name
	 */
	public record Report(Map<String, Boundary> boundaries, List<ContextLoss> contextLosses,
			List<MissingContext> missingContext, List<UncorrelatedLogs> uncorrelatedLogs,
			List<StartupRoot> startupRoots, Map<String, Map<String, Long>> sections) {

		/**
		 * The totals: context losses, hops without context and uncorrelated log lines.
		 * @return the totals, in that order
		 */
		public Map<String, Long> getSummary() {
			Map<String, Long> summary = new LinkedHashMap<>();
			summary.put("contextLosses", this.contextLosses.stream().mapToLong(ContextLoss::count).sum());
			summary.put("hopsWithoutContext", this.missingContext.stream().mapToLong(MissingContext::count).sum());
			summary.put("uncorrelatedLogLines",
					this.uncorrelatedLogs.stream().mapToLong(UncorrelatedLogs::count).sum());
			return summary;
		}

		/**
		 * Whether nothing was lost, no hop arrived without a context and no application
		 * line was written outside a trace.
		 * @return {@code true} if the audit is clean
		 */
		public boolean isClean() {
			return this.contextLosses.isEmpty() && this.missingContext.isEmpty() && this.uncorrelatedLogs.isEmpty();
		}

	}

	/**
	 * What one boundary instrumented.
	 *
	 * @param instrumented the parts instrumented, and how
	 * @param outOfReach the parts the starter could not instrument, and why
	 */
	public record Boundary(Map<String, String> instrumented, Map<String, String> outOfReach) {

		Boundary merge(Boundary other) {
			Map<String, String> allInstrumented = new TreeMap<>(this.instrumented);
			allInstrumented.putAll(other.instrumented);
			Map<String, String> allOutOfReach = new TreeMap<>(this.outOfReach);
			allOutOfReach.putAll(other.outOfReach);
			return new Boundary(allInstrumented, allOutOfReach);
		}

	}

	/**
	 * Root spans of one kind and name that started inside an internal operation.
	 *
	 * @param kind the span kind: client, producer, consumer, server or internal
	 * @param span the span name
	 * @param count how many
	 * @param firstSeen when the first started
	 * @param lastSeen when the last started
	 * @param thread the thread that started the last
	 * @param site the application code that started the last
	 * @param message the WARN line that reports it
	 */
	public record ContextLoss(String kind, String span, long count, Instant firstSeen, Instant lastSeen, String thread,
			String site, String message) {
	}

	/**
	 * Hops at one boundary and route or topic that arrived without a trace context.
	 *
	 * @param boundary {@code http.server} or {@code kafka.consumer}
	 * @param tag what {@code target} is: {@code uri} or {@code topic}
	 * @param target the route template or topic
	 * @param count how many
	 * @param firstSeen when the first arrived
	 * @param lastSeen when the last arrived
	 * @param message the line that names the hop, empty where none is written
	 */
	public record MissingContext(String boundary, String tag, String target, long count, Instant firstSeen,
			Instant lastSeen, String message) {
	}

	/**
	 * Log lines of one application logger written outside any trace.
	 *
	 * @param logger the logger
	 * @param count how many
	 * @param firstSeen when the first was written
	 * @param lastSeen when the last was written
	 * @param thread the thread that wrote the last
	 */
	public record UncorrelatedLogs(String logger, long count, Instant firstSeen, Instant lastSeen, String thread) {
	}

	/**
	 * Root spans started before the application was ready: work that has no request to
	 * belong to.
	 *
	 * @param kind the span kind
	 * @param span the span name
	 * @param count how many
	 */
	public record StartupRoot(String kind, String span, long count) {
	}

}
