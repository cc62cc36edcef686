package io.github.correlation.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON log lines of captured console output, each parsed into a map.
 */
public final class JsonLogLines {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private JsonLogLines() {
	}

	public static List<Map<String, Object>> parse(CharSequence output) {
		List<Map<String, Object>> lines = new ArrayList<>();
		for (String line : output.toString().split("\\R")) {
			if (line.startsWith("{")) {
				lines.add(mapper.readValue(line, new TypeReference<Map<String, Object>>() {
				}));
			}
		}
		return lines;
	}

	public static List<Map<String, Object>> withMessage(CharSequence output, String message) {
		return matching(output, (line) -> String.valueOf(line.get("message")).contains(message)
				|| String.valueOf(line.get("short_message")).contains(message));
	}

	public static List<Map<String, Object>> matching(CharSequence output, Predicate<Map<String, Object>> predicate) {
		return parse(output).stream().filter(predicate).toList();
	}

	public static Map<String, Object> single(CharSequence output, String message) {
		List<Map<String, Object>> lines = withMessage(output, message);
		if (lines.size() != 1) {
			throw new AssertionError("Expected one line with '" + message + "' but found " + lines + " in\n" + output);
		}
		return lines.get(0);
	}

}
