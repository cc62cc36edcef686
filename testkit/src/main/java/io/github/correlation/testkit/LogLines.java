package io.github.correlation.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An immutable list of JSON log lines, parsed from captured output or a log file. Every
 * line that is a JSON object counts as a log line; other lines, such as Spring's banner
 * or a stack trace printed outside the JSON layout, are kept aside in
 * {@link #nonJsonLines()}. Blank lines are ignored.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see CorrelationAssertions#assertThat(LogLines)
 */
public final class LogLines implements Iterable<LogLine> {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final List<LogLine> lines;

	private final List<String> nonJsonLines;

	private LogLines(List<LogLine> lines, List<String> nonJsonLines) {
		this.lines = List.copyOf(lines);
		this.nonJsonLines = List.copyOf(nonJsonLines);
	}

	/**
	 * Parse captured output, for example that of Spring Boot's
	 * {@code OutputCaptureExtension}.
	 * @param capturedOutput the output, one log line per line
	 * @return the parsed lines
	 */
	public static LogLines parse(String capturedOutput) {
		List<LogLine> lines = new ArrayList<>();
		List<String> nonJsonLines = new ArrayList<>();
		capturedOutput.lines().filter((line) -> !line.isBlank()).forEach((line) -> {
			LogLine parsed = parseLine(line);
			if (parsed != null) {
				lines.add(parsed);
			}
			else {
				nonJsonLines.add(line);
			}
		});
		return new LogLines(lines, nonJsonLines);
	}

	/**
	 * Read and parse a log file, in UTF-8.
	 * @param file the log file
	 * @return the parsed lines
	 * @throws UncheckedIOException if the file cannot be read
	 */
	public static LogLines of(Path file) {
		try {
			return parse(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read log file " + file, ex);
		}
	}

	private static @Nullable LogLine parseLine(String line) {
		String candidate = line.strip();
		if (!candidate.startsWith("{")) {
			return null;
		}
		try {
			JsonNode json = MAPPER.readTree(candidate);
			return json.isObject() ? new LogLine(line, json) : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The JSON log lines.
	 * @return the lines, in logged order
	 */
	public List<LogLine> lines() {
		return this.lines;
	}

	/**
	 * The lines of the parsed output that are not JSON objects. Filtering keeps them
	 * unchanged.
	 * @return the other lines, in logged order
	 */
	public List<String> nonJsonLines() {
		return this.nonJsonLines;
	}

	/**
	 * The number of JSON log lines.
	 * @return the number of lines
	 */
	public int size() {
		return this.lines.size();
	}

	/**
	 * Whether there are no JSON log lines.
	 * @return {@code true} if there are none
	 */
	public boolean isEmpty() {
		return this.lines.isEmpty();
	}

	/**
	 * The JSON log lines that match a condition.
	 * @param condition the condition, for example
	 * {@code line -> "com.example.OrderService".equals(line.logger())}
	 * @return the matching lines
	 */
	public LogLines filter(Predicate<LogLine> condition) {
		return new LogLines(this.lines.stream().filter(condition).toList(), this.nonJsonLines);
	}

	/**
	 * The JSON log lines that carry the id of a trace, compared ignoring case.
	 * @param trace the trace
	 * @return the lines written inside the trace
	 */
	public LogLines linesOf(Trace trace) {
		String traceId = trace.traceId().toLowerCase(Locale.ROOT);
		return filter((line) -> {
			String lineTraceId = line.traceId();
			return lineTraceId != null && lineTraceId.toLowerCase(Locale.ROOT).equals(traceId);
		});
	}

	/**
	 * The JSON log lines as a stream.
	 * @return a sequential stream of the lines
	 */
	public Stream<LogLine> stream() {
		return this.lines.stream();
	}

	@Override
	public Iterator<LogLine> iterator() {
		return this.lines.iterator();
	}

	/**
	 * The JSON log lines, one per line, as they were logged.
	 * @return the lines
	 */
	@Override
	public String toString() {
		return String.join("\n", this.lines.stream().map(LogLine::raw).toList());
	}

}
