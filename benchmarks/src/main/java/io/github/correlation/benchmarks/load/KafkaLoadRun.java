package io.github.correlation.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka load run: the same application with Boot's own Kafka observation, and with
 * Boot's observation and the starter, each in its own JVM with its own embedded broker,
 * in alternating order over several rounds. Prints records per second through a record
 * listener, through a batch listener, and, with the starter, through a batch listener
 * that handles each record with {@code KafkaRecordContexts}; and the ratios against Boot.
 *
 * @author Correlation contributors
 */
public final class KafkaLoadRun {

	private static final String MAIN_CLASS = "io.github.correlation.benchmarks.kafka.KafkaBenchmarkApplication";

	private static final Pattern RESULT = Pattern
		.compile("RESULT record=([0-9.]+) batch=([0-9.]+) contexts=([0-9.]+|NaN)");

	private KafkaLoadRun() {
	}

	public static void main(String[] args) throws Exception {
		Options options = new Options(args,
				Map.of("root", ".", "rounds", "3", "records", "20000", "variants", "boot,starter"));
		Path root = Path.of(options.string("root")).toAbsolutePath();
		List<Variant> variants = Variant.selected(Variant.kafka(root), options.list("variants"));
		System.out.printf("Kafka load run: %s%nJVM %s, %d cores%n%n", options, Runtime.version(),
				Runtime.getRuntime().availableProcessors());
		Table table = new Table().column("record listener rec/s", (value) -> String.format("%.0f", value))
			.column("batch listener rec/s", (value) -> String.format("%.0f", value))
			.column("batch, KafkaRecordContexts rec/s",
					(value) -> Double.isNaN(value) ? "-" : String.format("%.0f", value));
		try (OtlpSink sink = OtlpSink.start()) {
			for (int round = 1; round <= options.integer("rounds"); round++) {
				for (Variant variant : Variant.inRound(variants, round)) {
					double[] result = measure(variant, round, options, sink, root);
					table.add(variant.name(), "record listener rec/s", result[0]);
					table.add(variant.name(), "batch listener rec/s", result[1]);
					table.add(variant.name(), "batch, KafkaRecordContexts rec/s", result[2]);
					System.out.printf(
							"round %d %-8s record listener %7.0f rec/s  batch listener %7.0f rec/s  batch with "
									+ "KafkaRecordContexts %7.0f rec/s%n",
							round, variant.name(), result[0], result[1], result[2]);
				}
			}
		}
		System.out.println();
		System.out.print(table.render("boot"));
	}

	private static double[] measure(Variant variant, int round, Options options, OtlpSink sink, Path root)
			throws Exception {
		Path log = root.resolve("benchmarks/target/load/kafka-" + variant.name() + "-" + round + ".log");
		List<String> javaOptions = new ArrayList<>(variant.javaOptions(sink.baseUrl()));
		javaOptions.add("-Dbench.records=" + options.integer("records"));
		try (ApplicationProcess app = ApplicationProcess.start(javaOptions, variant.classpath(), MAIN_CLASS,
				List.of("--management.opentelemetry.tracing.export.otlp.endpoint=" + sink.baseUrl() + "/v1/traces"),
				log)) {
			while (app.isAlive()) {
				Thread.sleep(200);
			}
		}
		List<String> lines = Files.readAllLines(log);
		for (String line : lines) {
			Matcher matcher = RESULT.matcher(line);
			if (matcher.find()) {
				return new double[] { Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2)),
						Double.parseDouble(matcher.group(3)) };
			}
		}
		throw new IllegalStateException("No result in " + log + "; its last lines: "
				+ String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
	}

}
