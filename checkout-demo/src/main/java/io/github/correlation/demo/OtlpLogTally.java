package io.github.correlation.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.github.correlation.testkit.OtlpReceiver;
import io.github.correlation.testkit.ReceivedLogRecord;

/**
 * What each service exported over OTLP of one trace's log lines: the log records the
 * receiver got with the trace id, counted beside the JSON lines the service wrote with
 * it. Both are the same log events, one through the console appender, one through
 * OpenTelemetry's appender, so a complete tally has one record per line in every service.
 *
 * @param records the log records received with the trace id, per service
 * @param lines the JSON log lines written with the trace id, per service
 * @author Correlation contributors
 * @since 0.1.0
 */
public record OtlpLogTally(Map<String, Integer> records, Map<String, Integer> lines) {

	private static final Duration POLL = Duration.ofMillis(100);

	/**
	 * Count the records and lines of one trace, waiting for the records to catch up: they
	 * leave in batches, after the lines are written.
	 * @param receiver the receiver the services export their logs to
	 * @param services the services
	 * @param traceId the trace id
	 * @param timeout how long to wait for one record per line
	 * @return the last count
	 */
	public static OtlpLogTally await(OtlpReceiver receiver, List<ServiceProcess> services, String traceId,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		OtlpLogTally tally = count(receiver, services, traceId);
		while (!tally.isComplete() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return tally;
			}
			tally = count(receiver, services, traceId);
		}
		return tally;
	}

	private static OtlpLogTally count(OtlpReceiver receiver, List<ServiceProcess> services, String traceId) {
		Map<String, Integer> lines = new TreeMap<>(ServiceLogs.withTrace(services, traceId)
			.stream()
			.collect(Collectors.groupingBy(ServiceLogs.Line::service, Collectors.summingInt((line) -> 1))));
		Map<String, Integer> records = new TreeMap<>(receiver.logRecords(traceId)
			.stream()
			.collect(Collectors.groupingBy(ReceivedLogRecord::serviceName, Collectors.summingInt((record) -> 1))));
		return new OtlpLogTally(records, lines);
	}

	/**
	 * Whether every service that wrote a line of the trace exported one record per line,
	 * and no more.
	 * @return whether the tally is complete
	 */
	public boolean isComplete() {
		return !this.lines.isEmpty() && this.records.equals(this.lines);
	}

	/**
	 * The tally on one line, per service: records received of lines written.
	 * @return the line
	 */
	public String line() {
		String perService = this.lines.keySet()
			.stream()
			.map((service) -> service + " " + this.records.getOrDefault(service, 0) + " of " + this.lines.get(service))
			.collect(Collectors.joining(", "));
		String others = this.records.keySet()
			.stream()
			.filter((service) -> !this.lines.containsKey(service))
			.map((service) -> service + " " + this.records.get(service) + " without a line")
			.collect(Collectors.joining(", "));
		return (isComplete() ? "OTLP log records on this trace: " : "OTLP log records on this trace, INCOMPLETE: ")
				+ perService + (others.isEmpty() ? "" : ", " + others);
	}

}
