package io.github.correlation.demo;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.github.correlation.testkit.OtlpReceiver;
import io.github.correlation.testkit.Trace;

/**
 * {@code ./demo}: starts the checkout chain without Docker, runs a successful, a declined
 * and a slow checkout, and prints for each the HTTP status, the trace id, the trace as a
 * waterfall, every service's JSON log lines with that trace id, and how many of them
 * reached the OTLP receiver as log records, service by service. {@code --keep-running}
 * leaves the chain up until Ctrl-C.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CheckoutDemo {

	private static final Duration TRACE_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration LOG_RECORDS_TIMEOUT = Duration.ofSeconds(20);

	private final PrintStream out;

	private CheckoutDemo(PrintStream out) {
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		boolean keepRunning = List.of(args).contains("--keep-running");
		CheckoutChain.Ports ports = CheckoutChain.Ports.fromEnvironment();
		Path root = Path.of("").toAbsolutePath();
		Path logs = root.resolve("target/demo/logs");
		URI forwardTo = OtlpReceiver.forwardingTargetFromEnvironment();
		PrintStream out = System.out;
		out.printf("Starting Kafka (embedded KRaft), an OTLP receiver and gateway:%d, orders:%d, payments:%d ...%n",
				ports.gateway(), ports.orders(), ports.payments());
		CheckoutChain chain = quietly(() -> CheckoutChain.start(root, ports, logs, forwardTo));
		CountDownLatch stopRequested = new CountDownLatch(1);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stopRequested.countDown();
			awaitQuietly(stopped);
		}, "demo-shutdown"));
		out.printf("Chain is up. Logs: %s (one JSON object per line), and over OTLP to %s. Spans: %s%s%n%n", logs,
				chain.receiver().logsEndpoint(), chain.receiver().tracesEndpoint(),
				(forwardTo != null) ? ", forwarded to " + forwardTo : "");
		boolean asExpected = false;
		try {
			asExpected = new CheckoutDemo(out).run(chain);
			if (keepRunning) {
				out.printf("The chain keeps running; Ctrl-C stops everything. Try:%n  curl -i -X POST %s/api/checkout "
						+ "-H 'Authorization: Bearer demo' -H 'Content-Type: application/json' "
						+ "-d '{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"book-1\",\"quantity\":2}],"
						+ "\"cardNumber\":\"4242424242424242\"}'%n", chain.gatewayUrl());
				stopRequested.await();
			}
		}
		finally {
			out.println("Stopping the services, the broker and the receiver ...");
			quietly(() -> {
				chain.close();
				return null;
			});
			stopped.countDown();
		}
		if (!keepRunning) {
			System.exit(asExpected ? 0 : 1);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	// Runs the given step with the console muted: the embedded broker prints its metadata
	// straight to standard out, and complains on shutdown about files it has just deleted
	private static <T> T quietly(java.util.concurrent.Callable<T> step) throws Exception {
		PrintStream console = System.out;
		System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
		try {
			return step.call();
		}
		finally {
			System.setOut(console);
		}
	}

	private boolean run(CheckoutChain chain) {
		boolean asExpected = true;
		int number = 1;
		for (CheckoutScenario scenario : CheckoutScenario.values()) {
			UntrustedClient client = UntrustedClient.create();
			Checkout checkout = Checkout.send(chain.gatewayUrl(), "demo-token", "c-4" + (1 + number),
					scenario.cardNumber(), client.headers());
			this.out.printf("=== Checkout %d: %s (card ending %s)%n", number++, scenario.name().toLowerCase(),
					scenario.cardNumber().substring(12));
			this.out.printf("HTTP %d %s%n%s%n", checkout.status(), checkout.contentType(), checkout.body());
			this.out.printf("trace id: %s%ntraceresponse: %s%n%n", checkout.traceId(), checkout.traceResponse());
			asExpected &= checkout.status() == scenario.expectedStatus() && checkout.traceId() != null;
			if (checkout.traceId() != null) {
				Trace trace = chain.receiver().awaitTrace(checkout.traceId(), scenario::isComplete, TRACE_TIMEOUT);
				this.out.println(trace.waterfall());
				this.out.println();
				if (scenario == CheckoutScenario.SUCCESS) {
					Vocabularies vocabularies = Vocabularies.of(trace);
					vocabularies.lines().forEach(this.out::println);
					this.out.println();
					asExpected &= vocabularies.isComplete();
				}
				List<ServiceLogs.Line> lines = printLogLines(chain, checkout.traceId());
				OtlpLogTally tally = OtlpLogTally.await(chain.receiver(), chain.services(), checkout.traceId(),
						LOG_RECORDS_TIMEOUT);
				this.out.println(tally.line());
				asExpected &= tally.isComplete();
				UntrustedClient.Verdict edge = client.verdict(checkout, trace, lines);
				this.out.println(edge.line(client.traceId()));
				asExpected &= edge.asExpected();
			}
			this.out.println();
		}
		return printAudits(chain) && asExpected;
	}

	// Every service's own account of the run: a lost context, a hop without one or an
	// application line outside any trace fails the demo.
	private boolean printAudits(CheckoutChain chain) {
		boolean clean = true;
		for (String name : List.of("gateway", "orders", "payments")) {
			ServiceAudit audit = ServiceAudit.read(chain.service(name));
			this.out.println(audit.line());
			audit.findings().forEach((finding) -> this.out.println("  " + finding));
			clean &= audit.isClean();
		}
		this.out.println();
		return clean;
	}

	private List<ServiceLogs.Line> printLogLines(CheckoutChain chain, String traceId) {
		List<ServiceLogs.Line> lines = ServiceLogs.withTrace(chain.services(), traceId);
		this.out.printf("%d JSON log lines with trace_id %s:%n", lines.size(), traceId);
		for (ServiceLogs.Line line : lines) {
			this.out.printf("%-8s | %s%n", line.service(), line.raw());
		}
		return lines;
	}

}
