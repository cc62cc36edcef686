package io.github.correlation.benchmarks.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line options of the form {@code --name value}, each with a default.
 *
 * @author Correlation contributors
 */
final class Options {

	private final Map<String, String> values = new LinkedHashMap<>();

	Options(String[] args, Map<String, String> defaults) {
		this.values.putAll(defaults);
		for (int i = 0; i < args.length; i++) {
			String name = args[i].startsWith("--") ? args[i].substring(2) : null;
			if (name == null || !defaults.containsKey(name) || i + 1 == args.length) {
				throw new IllegalArgumentException("Unknown option or missing value: " + args[i] + " (options: "
						+ String.join(", ", defaults.keySet().stream().map((key) -> "--" + key).toList()) + ")");
			}
			this.values.put(name, args[++i]);
		}
	}

	String string(String name) {
		return this.values.get(name);
	}

	int integer(String name) {
		return Integer.parseInt(string(name));
	}

	Duration seconds(String name) {
		return Duration.ofMillis((long) (Double.parseDouble(string(name)) * 1000));
	}

	List<String> list(String name) {
		return Arrays.stream(string(name).split(",")).map(String::trim).filter((value) -> !value.isEmpty()).toList();
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		this.values.forEach((name, value) -> text.append(text.isEmpty() ? "" : " ").append("--" + name + " " + value));
		return text.toString();
	}

}
