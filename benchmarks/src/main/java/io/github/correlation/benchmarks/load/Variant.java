package io.github.correlation.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * One variant of an application under test: its class path, built by the variant's Maven
 * module, and the JVM options it needs.
 *
 * @param name the name in the tables
 * @param classpath the class path
 * @param javaOptions the JVM options, given the OTLP sink's base URL
 * @author Correlation contributors
 */
record Variant(String name, String classpath, Function<String, List<String>> javaOptions) {

	private static final List<String> COMMON = List.of("-XX:+UseG1GC");

	List<String> javaOptions(String otlpBaseUrl) {
		return this.javaOptions.apply(otlpBaseUrl);
	}

	static List<Variant> selected(List<Variant> all, List<String> names) {
		return all.stream().filter((variant) -> names.contains(variant.name())).toList();
	}

	/**
	 * Return the order of the variants in a round: as given in odd rounds, reversed in
	 * even ones, so that drift of the machine over a run weighs on every variant alike.
	 */
	static List<Variant> inRound(List<Variant> variants, int round) {
		List<Variant> order = new ArrayList<>(variants);
		if (round % 2 == 0) {
			Collections.reverse(order);
		}
		return order;
	}

	/**
	 * Return the variants of the HTTP load run on a stack.
	 * @param root the project's root
	 * @param stack {@code http} (servlet) or {@code webflux}: the prefix of the modules
	 * @return the variants; {@code starter-no-span-events}, the starter with
	 * {@code correlation.logging.span-events.level=off}; on WebFlux also
	 * {@code boot-auto}, Boot's tracing with Reactor's automatic context propagation, the
	 * way to ids in every line without the starter
	 */
	static List<Variant> http(Path root, String stack) {
		String untraced = classpath(root.resolve("benchmarks/" + stack + "-app/target/classpath.txt"))
				+ java.io.File.pathSeparator + root.resolve("benchmarks/" + stack + "-app/target/classes");
		Path agent = root.resolve("benchmarks/target/agent/opentelemetry-javaagent.jar");
		List<Variant> variants = new ArrayList<>(List.of(new Variant("none", untraced, (otlp) -> COMMON),
				new Variant("boot", variantClasspath(root, stack + "-boot"), (otlp) -> COMMON),
				new Variant("starter", variantClasspath(root, stack + "-correlation"), (otlp) -> COMMON),
				new Variant("agent", untraced, (otlp) -> agentOptions(agent, otlp))));
		// The starter without its span-event appender on the root logger: what the
		// appender
		// costs a request that logs below WARN, in the same run
		List<String> noSpanEvents = new ArrayList<>(COMMON);
		noSpanEvents.add("-Dcorrelation.logging.span-events.level=off");
		variants.add(new Variant("starter-no-span-events", variantClasspath(root, stack + "-correlation"),
				(otlp) -> noSpanEvents));
		if (stack.equals("webflux")) {
			List<String> auto = new ArrayList<>(COMMON);
			auto.add("-Dspring.reactor.context-propagation=auto");
			variants.add(new Variant("boot-auto", variantClasspath(root, stack + "-boot"), (otlp) -> auto));
		}
		return variants;
	}

	static List<Variant> kafka(Path root) {
		return List.of(new Variant("boot", variantClasspath(root, "kafka-boot"), (otlp) -> COMMON),
				new Variant("starter", variantClasspath(root, "kafka-correlation"), (otlp) -> COMMON));
	}

	private static List<String> agentOptions(Path agent, String otlp) {
		List<String> options = new ArrayList<>(COMMON);
		options.addAll(List.of("-javaagent:" + agent, "-Dotel.service.name=http-benchmark",
				"-Dotel.exporter.otlp.protocol=http/protobuf", "-Dotel.exporter.otlp.endpoint=" + otlp,
				"-Dotel.traces.sampler=always_on", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none"));
		return options;
	}

	private static String variantClasspath(Path root, String module) {
		return classpath(root.resolve("benchmarks/variants/" + module + "/target/classpath.txt"));
	}

	private static String classpath(Path file) {
		try {
			return Files.readString(file).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No class path at " + file + ": build the benchmarks with ./benchmarks/run",
					ex);
		}
	}

}
