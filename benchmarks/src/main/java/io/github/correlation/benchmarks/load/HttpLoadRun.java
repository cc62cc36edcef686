package io.github.correlation.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The HTTP load run: the same web application in four variants (no tracing, Boot's
 * tracing alone, Boot's tracing and the starter, no tracing with the OpenTelemetry Java
 * agent), each in its own JVM, one after the other and in alternating order over several
 * rounds, against one in-process OTLP sink. Prints the medians and the ratios against
 * Boot's tracing alone. With {@code --stack webflux} the application is the WebFlux twin,
 * and {@code boot-auto} (Boot's tracing with
 * {@code spring.reactor.context-propagation=auto}) is one more variant.
 * <p>
 * Per variant and round: the time from JVM start to the first answered request; a
 * closed-loop warm-up, then a closed-loop measurement (throughput, CPU time and allocated
 * bytes per request, resident memory); then a fixed-rate measurement (latency, corrected
 * for coordinated omission).
 *
 * @author Correlation contributors
 */
public final class HttpLoadRun {

	private static final Map<String, String> MAIN_CLASSES = Map.of("http",
			"io.github.correlation.benchmarks.http.HttpBenchmarkApplication", "webflux",
			"io.github.correlation.benchmarks.webflux.WebFluxBenchmarkApplication");

	private static final String LOG_MARKER = "for customer";

	private HttpLoadRun() {
	}

	public static void main(String[] args) throws Exception {
		Options options = new Options(args,
				Map.of("root", ".", "rounds", "2", "warmup", "8", "duration", "20", "latency-duration", "10", "rate",
						"400", "connections", "8", "variants", "none,boot,starter,agent", "java-options", "", "stack",
						"http"));
		Path root = Path.of(options.string("root")).toAbsolutePath();
		String stack = options.string("stack");
		if (!MAIN_CLASSES.containsKey(stack)) {
			throw new IllegalArgumentException("--stack must be one of " + MAIN_CLASSES.keySet() + ", not " + stack);
		}
		List<Variant> variants = Variant.selected(Variant.http(root, stack), options.list("variants"));
		System.out.printf("HTTP load run: %s%nJVM %s, %d cores%n%n", options, Runtime.version(),
				Runtime.getRuntime().availableProcessors());
		Table table = new Table().column("req/s", (value) -> String.format("%.0f", value))
			.column("p50 ms", (value) -> String.format("%.2f", value))
			.column("p99 ms", (value) -> String.format("%.2f", value))
			.column("p99 closed ms", (value) -> String.format("%.2f", value))
			.column("startup s", (value) -> String.format("%.2f", value))
			.column("RSS MiB", (value) -> String.format("%.0f", value))
			.column("alloc KiB/req", (value) -> String.format("%.1f", value))
			.column("CPU us/req", (value) -> String.format("%.0f", value));
		try (OtlpSink sink = OtlpSink.start()) {
			for (int round = 1; round <= options.integer("rounds"); round++) {
				for (Variant variant : Variant.inRound(variants, round)) {
					measure(variant, round, options, sink, root, table, stack);
				}
			}
		}
		System.out.println();
		System.out.print(table.render("boot"));
	}

	private static void measure(Variant variant, int round, Options options, OtlpSink sink, Path root, Table table,
			String stack) throws Exception {
		int port = Ports.free();
		Path log = root.resolve("benchmarks/target/load/" + stack + "-" + variant.name() + "-" + round + ".log");
		List<String> javaOptions = new ArrayList<>(variant.javaOptions(sink.baseUrl()));
		for (String option : options.string("java-options").trim().split("\\s+")) {
			if (!option.isEmpty()) {
				javaOptions.add(option.replace("{variant}", variant.name() + "-" + round));
			}
		}
		long exportsBefore = sink.exports();
		try (ApplicationProcess app = ApplicationProcess.start(javaOptions, variant.classpath(),
				MAIN_CLASSES.get(stack),
				List.of("--server.port=" + port,
						"--management.opentelemetry.tracing.export.otlp.endpoint=" + sink.baseUrl() + "/v1/traces"),
				log)) {
			double startup = awaitFirstResponse(app, port) / 1e9;
			app.attach();
			LoadGenerator load = new LoadGenerator(port, "/work", options.integer("connections"));
			load.closedLoop(options.seconds("warmup").toNanos());
			long cpu = app.cpuTime();
			long allocated = app.allocatedBytes();
			LoadGenerator.Result closed = load.closedLoop(options.seconds("duration").toNanos());
			long requests = closed.requests();
			double cpuPerRequest = (app.cpuTime() - cpu) / 1e3 / requests;
			double allocatedPerRequest = (app.allocatedBytes() - allocated) / 1024.0 / requests;
			double rss = app.residentBytes() / 1024.0 / 1024.0;
			LoadGenerator.Result fixed = load.fixedRate(options.seconds("latency-duration").toNanos(),
					Double.parseDouble(options.string("rate")));
			table.add(variant.name(), "req/s", closed.perSecond());
			table.add(variant.name(), "p50 ms", fixed.millisAt(50));
			table.add(variant.name(), "p99 ms", fixed.millisAt(99));
			table.add(variant.name(), "p99 closed ms", closed.millisAt(99));
			table.add(variant.name(), "startup s", startup);
			table.add(variant.name(), "RSS MiB", rss);
			table.add(variant.name(), "alloc KiB/req", allocatedPerRequest);
			table.add(variant.name(), "CPU us/req", cpuPerRequest);
			System.out.printf(
					"round %d %-8s %7.0f req/s  p99 %6.2f ms (fixed %4.0f/s: p50 %5.2f, p99 %6.2f)  startup %.2f s  "
							+ "RSS %4.0f MiB  %5.1f KiB/req  %4.0f us CPU/req  errors %d  OTLP exports %d  %s%n",
					round, variant.name(), closed.perSecond(), closed.millisAt(99), fixed.perSecond(),
					fixed.millisAt(50), fixed.millisAt(99), startup, rss, allocatedPerRequest, cpuPerRequest,
					closed.errors() + fixed.errors(), sink.exports() - exportsBefore, correlatedLogLines(log));
		}
	}

	private static long awaitFirstResponse(ApplicationProcess app, int port) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new IllegalStateException("The application exited; see its log");
			}
			try (HttpConnection connection = new HttpConnection(port, "/work")) {
				if (connection.get() == 200) {
					return app.sinceStart();
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException("No answer within 120 s");
	}

	// The share of the endpoint's log lines that carry a trace id, to show that every
	// traced variant does its job and the untraced one does not
	private static String correlatedLogLines(Path log) throws IOException {
		long lines;
		long correlated;
		try (Stream<String> all = Files.lines(log)) {
			List<String> work = all.filter((line) -> line.contains(LOG_MARKER)).toList();
			lines = work.size();
			correlated = work.stream()
				.filter((line) -> line.contains("\"trace_id\":\"") || line.contains("\"traceId\":\""))
				.count();
		}
		return String.format("log lines with a trace id: %d of %d", correlated, lines);
	}

}
