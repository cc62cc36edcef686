package io.github.correlation.faults;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.correlation.faults.ClosedLoopLoad.Result;
import io.github.correlation.faults.OtlpBackends.BlackHole;
import io.github.correlation.faults.OtlpBackends.Receiver;
import io.github.correlation.test.CorrelationTestApplication;
import io.github.correlation.test.TestApplication;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Contract 6: the tracing backend being down never slows or fails the application. Each
 * scenario runs two applications in this JVM at the same time, one exporting to a healthy
 * OTLP/HTTP receiver and one to a faulty backend, under the same closed-loop load (every
 * worker alternates between them), so that the printed figures (the p99 ratio among them,
 * for {@code ./benchmarks/run faults}) set the faulty one beside a healthy run on the
 * same machine at the same moments. Boot's defaults for the batch span processor (queue
 * of 2048, batches of 512 every 5 s, 30 s timeout) and the OTLP exporter (10 s timeout,
 * retries) are kept.
 * <p>
 * Each scenario asserts behaviour, never a timing ratio (those belong in
 * {@code ./benchmarks/run}): no failed request, every measured request answered within
 * {@value #MAX_LATENCY_SECONDS} s (a request that waited for the exporter would take its
 * 10 s timeout), a flat heap after GC, and spans lost and counted (in
 * {@code correlation.export.spans.dropped} and {@code correlation.export.spans.failed}),
 * and so are the log records the faulty one exports over OTLP
 * ({@code correlation.export.logs.*}), rather than waited for; it prints its figures on
 * one line. After an outage, export resumes without a restart: spans reach the receiver
 * that comes back on the same port. The heap is sampled after {@code System.gc()}:
 * requests in flight while it runs are left out of the latencies (and counted in the
 * figures). {@code -Dcorrelation.faults.duration} (10 s by default, 60 s with the build's
 * {@code full-length} profile) is the measured length of each scenario, after a warm-up.
 */
@Tag("fault")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OtlpBackendFaultTests {

	private static final int WORKERS = 8;

	private static final int MAX_LATENCY_SECONDS = 2;

	private static final long MAX_HEAP_GROWTH = 16 * 1024 * 1024;

	private static final int HEAP_SAMPLES = 6;

	private static final Duration SLOW_EXPORT = Duration.ofSeconds(3);

	// The faulty application's console threshold is a system property that later
	// applications in this JVM would keep
	@AfterEach
	void clearLoggingSystemProperties() {
		TestApplication.clearLoggingSystemProperties();
	}

	@Test
	void refusedBackend() throws Exception {
		Figures figures = run("refused", OtlpBackends.endpoint(OtlpBackends.unusedPort()), Hooks.NONE);
		System.out.println(figures.line(""));
		figures.assertNotSlowedNorFailed();
		figures.assertLostAndCounted();
	}

	@Test
	void blackHoledBackend() throws Exception {
		try (BlackHole blackHole = new BlackHole()) {
			Figures figures = run("black-holed", blackHole.endpoint(), new Hooks() {

				@Override
				public void beforeClose() throws Exception {
					// Lets the exporter give up at once when the applications close.
					blackHole.close();
				}

			});
			System.out.println(figures.line(", connections held " + blackHole.connections()));
			figures.assertNotSlowedNorFailed();
			assertThat(blackHole.connections()).as("connections to the black hole").isPositive();
			figures.assertLostAndCounted();
		}
	}

	@Test
	void slowBackend() throws Exception {
		try (Receiver slow = Receiver.slow(SLOW_EXPORT)) {
			Figures figures = run("slow (" + SLOW_EXPORT.toSeconds() + " s per export)", slow.endpoint(), Hooks.NONE);
			System.out.println(figures.line(", exports answered " + slow.exports()));
			figures.assertNotSlowedNorFailed();
			figures.assertLostAndCounted();
		}
	}

	@Test
	void backendBackAfterOutage() throws Exception {
		int port = OtlpBackends.unusedPort();
		AtomicReference<Receiver> back = new AtomicReference<>();
		AtomicLong exportedBeforeBack = new AtomicLong();
		try {
			Figures figures = run("outage then back", OtlpBackends.endpoint(port), new Hooks() {

				@Override
				public void atHalfTime(ConfigurableApplicationContext faulty) {
					exportedBeforeBack.set((long) exported(faulty));
					back.set(Receiver.healthy(port));
				}

				@Override
				public void afterLoad(ConfigurableApplicationContext faulty) {
					// The exporter may be backing off when the receiver comes back.
					await().atMost(Duration.ofSeconds(30)).until(() -> back.get().exports() > 0);
					await().atMost(Duration.ofSeconds(30)).until(() -> back.get().logExports() > 0);
					await().atMost(Duration.ofSeconds(30)).until(() -> exported(faulty) > exportedBeforeBack.get());
				}

			});
			Receiver receiver = back.get();
			System.out.println(
					figures.line(", after the backend came back on port " + port + ": received " + receiver.exports()
							+ " span and " + receiver.logExports() + " log exports (" + receiver.bytes() / 1024
							+ " KiB), exported " + (figures.faulty.exported() - exportedBeforeBack.get())
							+ " spans (before: " + exportedBeforeBack.get() + ")"));
			figures.assertNotSlowedNorFailed();
			assertThat(receiver.exports()).as("exports received after the backend came back").isPositive();
			assertThat(receiver.logExports()).as("log exports received after the backend came back").isPositive();
			assertThat(figures.faulty.exported()).as("spans exported after the backend came back")
				.isGreaterThan(exportedBeforeBack.get());
		}
		finally {
			if (back.get() != null) {
				back.get().close();
			}
		}
	}

	private Figures run(String scenario, String faultyEndpoint, Hooks hooks) throws Exception {
		Duration duration = duration();
		Duration warmUp = warmUp(duration);
		try (Receiver healthyBackend = Receiver.healthy(0)) {
			ConfigurableApplicationContext healthy = start(healthyBackend.endpoint(), false);
			ConfigurableApplicationContext faulty = null;
			try {
				faulty = start(faultyEndpoint, true);
				List<URI> targets = List.of(callHello(healthy), callHello(faulty));
				List<Long> heap = new ArrayList<>();
				List<Result> results;
				try (ClosedLoopLoad load = new ClosedLoopLoad(targets, "hello", WORKERS)) {
					load.start();
					Thread.sleep(warmUp.toMillis());
					load.measure();
					long start = System.nanoTime();
					heap.add(load.interrupting(OtlpBackendFaultTests::heapUsedAfterGc));
					boolean halfTimeDone = false;
					for (int sample = 1; sample < HEAP_SAMPLES; sample++) {
						long at = start + duration.toNanos() * sample / (HEAP_SAMPLES - 1);
						long halfTime = start + duration.toNanos() / 2;
						if (!halfTimeDone && at > halfTime) {
							sleepUntil(halfTime);
							hooks.atHalfTime(faulty);
							halfTimeDone = true;
						}
						sleepUntil(at);
						heap.add(load.interrupting(OtlpBackendFaultTests::heapUsedAfterGc));
					}
					results = load.stop();
					assertThat(load.firstFailure()).as("first failed request").isNull();
				}
				hooks.afterLoad(faulty);
				Figures figures = new Figures(scenario, duration, results.get(0), results.get(1), heap,
						ExportFigures.of(healthy), ExportFigures.of(faulty));
				hooks.beforeClose();
				return figures;
			}
			finally {
				if (faulty != null) {
					faulty.close();
				}
				healthy.close();
			}
		}
	}

	// Logback is one per JVM: the lines of both applications go to the log export of the
	// one that exports logs, the faulty one
	private static ConfigurableApplicationContext start(String endpoint, boolean exportLogs) {
		List<String> properties = new ArrayList<>(List.of("management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.otlp.endpoint=" + endpoint + "/v1/traces",
				"logging.level.root=warn"));
		if (exportLogs) {
			properties.addAll(List.of("management.opentelemetry.logging.export.otlp.endpoint=" + endpoint + "/v1/logs",
					"logging.level.io.github.correlation.test=info", "logging.threshold.console=warn"));
		}
		return TestApplication.run(new Class<?>[] { CorrelationTestApplication.class },
				properties.toArray(String[]::new));
	}

	private static URI callHello(ConfigurableApplicationContext context) {
		String base = "http://127.0.0.1:" + TestApplication.port(context);
		return URI.create(base + "/call?url=" + base + "/hello");
	}

	private static double exported(ConfigurableApplicationContext context) {
		return context.getBean(MeterRegistry.class).get("correlation.export.spans.exported").functionCounter().count();
	}

	private static long heapUsedAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long remaining = nanoTime - System.nanoTime();
		if (remaining > 0) {
			TimeUnit.NANOSECONDS.sleep(remaining);
		}
	}

	static Duration duration() {
		return DurationStyle.detectAndParse(System.getProperty("correlation.faults.duration", "10s"));
	}

	private static Duration warmUp(Duration duration) {
		Duration sixth = duration.dividedBy(6);
		return (sixth.compareTo(Duration.ofSeconds(5)) < 0) ? Duration.ofSeconds(5)
				: (sixth.compareTo(Duration.ofSeconds(15)) > 0) ? Duration.ofSeconds(15) : sixth;
	}

	private static double mebibytes(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

	/**
	 * What a scenario does besides the load.
	 */
	private interface Hooks {

		Hooks NONE = new Hooks() {
		};

		default void atHalfTime(ConfigurableApplicationContext faulty) throws Exception {
		}

		default void afterLoad(ConfigurableApplicationContext faulty) throws Exception {
		}

		default void beforeClose() throws Exception {
		}

	}

	/**
	 * The export meters of one application, read from its meter registry by name.
	 */
	record ExportFigures(long dropped, long failed, long exported, long queued, long logsDropped, long logsFailed,
			long logsExported) {

		static ExportFigures of(ConfigurableApplicationContext context) {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			return new ExportFigures(count(registry, "correlation.export.spans.dropped"),
					count(registry, "correlation.export.spans.failed"),
					count(registry, "correlation.export.spans.exported"),
					(long) registry.get("correlation.export.spans.queue.size").gauge().value(),
					count(registry, "correlation.export.logs.dropped"),
					count(registry, "correlation.export.logs.failed"),
					count(registry, "correlation.export.logs.exported"));
		}

		// An application that exports no logs has no log meters
		private static long count(MeterRegistry registry, String name) {
			FunctionCounter counter = registry.find(name).functionCounter();
			return (counter != null) ? (long) counter.count() : 0;
		}

	}

	record Figures(String scenario, Duration duration, Result healthyLoad, Result faultyLoad, List<Long> heap,
			ExportFigures healthy, ExportFigures faulty) {

		double p99Ratio() {
			return this.faultyLoad.p99Millis() / this.healthyLoad.p99Millis();
		}

		long heapGrowth() {
			return this.heap.get(this.heap.size() - 1) - this.heap.get(0);
		}

		String line(String extra) {
			return String.format(Locale.ROOT,
					"OTLP backend %s: %d s measured, requests %d | %d (healthy | faulty), failed %d | %d, "
							+ "measured %d | %d (%d | %d in flight during GC sampling left out), "
							+ "p50 %.2f | %.2f ms, p99 %.2f | %.2f ms, p99 faulty/healthy %.3f, max %.2f | %.2f ms, "
							+ "heap after GC %.1f -> %.1f MiB (%+.1f MiB, %d samples), "
							+ "faulty app correlation.export.spans.dropped=%d failed=%d exported=%d queue.size=%d, "
							+ "correlation.export.logs.dropped=%d failed=%d exported=%d, "
							+ "healthy app dropped=%d failed=%d exported=%d%s",
					this.scenario, this.duration.toSeconds(), this.healthyLoad.sent(), this.faultyLoad.sent(),
					this.healthyLoad.failed(), this.faultyLoad.failed(), this.healthyLoad.measured(),
					this.faultyLoad.measured(), this.healthyLoad.excluded(), this.faultyLoad.excluded(),
					this.healthyLoad.p50Millis(), this.faultyLoad.p50Millis(), this.healthyLoad.p99Millis(),
					this.faultyLoad.p99Millis(), p99Ratio(), this.healthyLoad.maxMillis(), this.faultyLoad.maxMillis(),
					mebibytes(this.heap.get(0)), mebibytes(this.heap.get(this.heap.size() - 1)),
					mebibytes(heapGrowth()), this.heap.size(), this.faulty.dropped(), this.faulty.failed(),
					this.faulty.exported(), this.faulty.queued(), this.faulty.logsDropped(), this.faulty.logsFailed(),
					this.faulty.logsExported(), this.healthy.dropped(), this.healthy.failed(), this.healthy.exported(),
					extra);
		}

		void assertLostAndCounted() {
			assertThat(this.faulty.dropped() + this.faulty.failed()).as("spans dropped or failed").isPositive();
			assertThat(this.faulty.logsDropped() + this.faulty.logsFailed()).as("log records dropped or failed")
				.isPositive();
		}

		void assertNotSlowedNorFailed() {
			assertThat(this.healthyLoad.failed()).as("failed requests to the healthy application").isZero();
			assertThat(this.faultyLoad.failed()).as("failed requests to the faulty application").isZero();
			assertThat(this.faultyLoad.measured()).as("measured requests").isPositive();
			assertThat(this.faultyLoad.maxMillis()).as("slowest measured request to the faulty application, ms")
				.isLessThan(MAX_LATENCY_SECONDS * 1000.0);
			assertThat(heapGrowth()).as("heap growth after GC, bytes").isLessThan(MAX_HEAP_GROWTH);
		}

	}

}
