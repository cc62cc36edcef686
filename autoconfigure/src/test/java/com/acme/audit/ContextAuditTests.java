package com.acme.audit;

import java.time.Duration;
import java.util.List;

import io.github.correlation.audit.ContextAudit;
import io.github.correlation.audit.CorrelationReport;
import io.github.correlation.audit.CorrelationReport.MissingContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the audit records, counts and writes.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContextAuditTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ContextAudit audit = new ContextAudit(() -> this.meters, Duration.ofMinutes(1), new MutableClock());

	private final CorrelationReport report = new CorrelationReport(this.audit, List::of);

	@Test
	void hopsAndLogLinesBeforeReadyAreNotProblems() {
		this.audit.contextMissing("http.server", "uri", "/orders", "hop without context");
		this.audit.uncorrelatedLog("com.acme.Orders", "main");
		assertThat(this.report.report().isClean()).isTrue();
	}

	@Test
	void hopsAreCountedPerBoundaryAndTargetAndReportedWhenAsked(CapturedOutput output) {
		this.audit.ready();
		this.audit.contextMissing("http.server", "uri", "/orders/{id}", "hop without context: to '/orders/{id}'");
		this.audit.contextMissing("kafka.consumer", "topic", "partner-events", null);
		this.audit.contextMissing("kafka.consumer", "topic", "partner-events", null);
		assertThat(this.report.report().missingContext())
			.extracting(MissingContext::boundary, MissingContext::tag, MissingContext::target, MissingContext::count)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("kafka.consumer", "topic", "partner-events", 2L),
					org.assertj.core.groups.Tuple.tuple("http.server", "uri", "/orders/{id}", 1L));
		assertThat(output).contains("hop without context: to '/orders/{id}'").doesNotContain("partner-events");
		assertThat(this.meters.get(ContextAudit.MISSING_METER)
			.tags("boundary", "kafka.consumer", "topic", "partner-events")
			.counter()
			.count()).isEqualTo(2);
	}

	@Test
	void uncorrelatedLogLinesAreCountedPerLogger() {
		this.audit.ready();
		this.audit.uncorrelatedLog("com.acme.Orders", "worker-1");
		this.audit.uncorrelatedLog("com.acme.Orders", "worker-2");
		CorrelationReport.UncorrelatedLogs logs = this.report.report().uncorrelatedLogs().get(0);
		assertThat(logs.logger()).isEqualTo("com.acme.Orders");
		assertThat(logs.count()).isEqualTo(2);
		assertThat(logs.thread()).isEqualTo("worker-2");
		assertThat(this.meters.get(ContextAudit.UNCORRELATED_METER).tag("logger", "com.acme.Orders").counter().count())
			.isEqualTo(2);
	}

	@Test
	void namesPastTheLimitAreCountedAsOther() {
		this.audit.ready();
		for (int i = 0; i < 250; i++) {
			this.audit.contextLost("internal", "job " + i, "main", "com.acme.Jobs.run(Jobs.java:1)");
		}
		List<CorrelationReport.ContextLoss> losses = this.report.report().contextLosses();
		assertThat(losses).hasSize(201);
		assertThat(losses.get(0).span()).isEqualTo("other");
		assertThat(losses.get(0).count()).isEqualTo(50);
		assertThat(this.meters.find(ContextAudit.LOST_METER).counters()).hasSize(201);
	}

	@Test
	void controlCharactersNeverReachTheLogOrTheReport(CapturedOutput output) {
		this.audit.ready();
		this.audit.contextLost("internal", "evil\r\nINFO forged line\u001b[31m", "thread\n2",
				"com.acme.Jobs.run(Jobs.java:1)");
		CorrelationReport.ContextLoss loss = this.report.report().contextLosses().get(0);
		assertThat(loss.span()).isEqualTo("evil??INFO forged line?[31m");
		assertThat(loss.thread()).isEqualTo("thread?2");
		assertThat(output).doesNotContain("\nINFO forged line").doesNotContain("\u001b");
	}

}
