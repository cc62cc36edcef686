package io.github.correlation.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON log lines the services wrote, one JSON object per line of each service's log
 * file.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ServiceLogs {

	private static final JsonMapper json = JsonMapper.builder().build();

	private ServiceLogs() {
	}

	/**
	 * Read every JSON line of the given services' logs.
	 * @param services the services
	 * @return the lines, service by service, in file order
	 */
	public static List<Line> read(List<ServiceProcess> services) {
		List<Line> lines = new ArrayList<>();
		for (ServiceProcess service : services) {
			for (String raw : readLines(service.log())) {
				if (raw.startsWith("{")) {
					lines.add(
							new Line(service.name(), raw, json.readValue(raw, new TypeReference<Map<String, Object>>() {
							})));
				}
			}
		}
		return lines;
	}

	/**
	 * Read the lines that carry the given trace id.
	 * @param services the services
	 * @param traceId the trace id
	 * @return the lines
	 */
	public static List<Line> withTrace(List<ServiceProcess> services, String traceId) {
		return read(services).stream().filter((line) -> traceId.equals(line.fields().get("trace_id"))).toList();
	}

	private static List<String> readLines(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One log line.
	 *
	 * @param service the service that wrote it
	 * @param raw the line as written
	 * @param fields its JSON members
	 */
	public record Line(String service, String raw, Map<String, Object> fields) {

		public String message() {
			return String.valueOf(this.fields.get("message"));
		}

		public String level() {
			return String.valueOf(this.fields.get("level"));
		}

	}

}
