package io.github.correlation.testkit;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LogLinesTests {

	private static final String OUTPUT = """

			  .   ____          _            __ _ _
			 :: Spring Boot ::                (v4.1.1)
			{"@timestamp":"2026-01-01T00:00:00Z","level":"INFO","message":"Started","logger_name":"com.example.App","thread_name":"main"}
			  {"message":"indented","trace_id":"0AF7651916CD43DD8448EB211C80319C","span_id":"00f067aa0ba902b7"}
			java.lang.IllegalStateException: boom
			["not", "an", "object"]
			{"message":"trailing"} garbage
			{"message":"unterminated"
			""";

	@Test
	void keepsJsonObjectLinesAndSetsTheOthersAside() {
		LogLines lines = LogLines.parse(OUTPUT);
		assertThat(lines.lines()).extracting(LogLine::message).containsExactly("Started", "indented");
		assertThat(lines.nonJsonLines()).containsExactly("  .   ____          _            __ _ _",
				" :: Spring Boot ::                (v4.1.1)", "java.lang.IllegalStateException: boom",
				"[\"not\", \"an\", \"object\"]", "{\"message\":\"trailing\"} garbage", "{\"message\":\"unterminated\"");
		assertThat(lines.size()).isEqualTo(2);
		assertThat(lines.lines().get(1).raw()).startsWith("  {\"message\":\"indented\"");
	}

	@Test
	void readsTheLogstashLayout() {
		LogLine line = LogLines.parse(OUTPUT).lines().get(0);
		assertThat(line.logger()).isEqualTo("com.example.App");
		assertThat(line.thread()).isEqualTo("main");
		assertThat(line.level()).isEqualTo("INFO");
		assertThat(line.traceId()).isNull();
		assertThat(line.spanId()).isNull();
	}

	@Test
	void readsTheIdsOfSpringBootsDefaultMdcKeys() {
		LogLine line = single(
				"{\"traceId\":\"t1\",\"spanId\":\"s1\",\"logger\":\"l\",\"thread\":\"main\",\"msg\":\"m\"}");
		assertThat(line.traceId()).isEqualTo("t1");
		assertThat(line.spanId()).isEqualTo("s1");
		assertThat(line.logger()).isEqualTo("l");
		assertThat(line.thread()).isEqualTo("main");
		assertThat(line.message()).isEqualTo("m");
	}

	@Test
	void readsTheEcsLayoutNestedOrDotted() {
		LogLine nested = single(
				"{\"trace\":{\"id\":\"t1\"},\"span\":{\"id\":\"s1\"},\"log\":{\"logger\":\"l\",\"level\":\"WARN\"},"
						+ "\"process\":{\"thread\":{\"name\":\"main\"}}}");
		LogLine dotted = single(
				"{\"trace.id\":\"t1\",\"span.id\":\"s1\",\"log.logger\":\"l\",\"log.level\":\"WARN\",\"process.thread.name\":\"main\"}");
		for (LogLine line : new LogLine[] { nested, dotted }) {
			assertThat(line.traceId()).isEqualTo("t1");
			assertThat(line.spanId()).isEqualTo("s1");
			assertThat(line.logger()).isEqualTo("l");
			assertThat(line.level()).isEqualTo("WARN");
			assertThat(line.thread()).isEqualTo("main");
		}
	}

	@Test
	void rendersOtherValuesAsJsonAndTreatsBlankIdsAsAbsent() {
		LogLine line = single(
				"{\"count\":42,\"ok\":true,\"tags\":{\"a\":\"b\"},\"none\":null,\"trace_id\":\" \",\"traceId\":\"t2\"}");
		assertThat(line.get("count")).isEqualTo("42");
		assertThat(line.get("ok")).isEqualTo("true");
		assertThat(line.get("tags")).isEqualTo("{\"a\":\"b\"}");
		assertThat(line.get("tags.a")).isEqualTo("b");
		assertThat(line.get("none")).isNull();
		assertThat(line.get("missing")).isNull();
		assertThat(line.traceId()).isEqualTo("t2");
	}

	@Test
	void selectsLinesByConditionOrTrace() {
		LogLines lines = LogLines.parse(OUTPUT);
		LogLines started = lines.filter((line) -> "Started".equals(line.message()));
		assertThat(started.lines()).extracting(LogLine::message).containsExactly("Started");
		assertThat(started.nonJsonLines()).isEqualTo(lines.nonJsonLines());
		Trace trace = Spans.trace(Spans.span("00f067aa0ba902b7", "", "gateway", "GET /", 0, 1));
		assertThat(lines.linesOf(trace).stream().map(LogLine::message)).containsExactly("indented");
		assertThat(lines.filter((line) -> false).isEmpty()).isTrue();
		assertThat(lines).hasSize(2);
	}

	@Test
	void readsALogFile(@TempDir Path directory) throws Exception {
		Path file = Files.writeString(directory.resolve("app.log"), OUTPUT);
		assertThat(LogLines.of(file).lines()).extracting(LogLine::message).containsExactly("Started", "indented");
		assertThat(LogLines.of(file))
			.hasToString(String.join("\n", LogLines.parse(OUTPUT).lines().stream().map(LogLine::raw).toList()));
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> LogLines.of(directory.resolve("missing.log")))
			.withMessageContaining("missing.log");
	}

	private static LogLine single(String json) {
		LogLines lines = LogLines.parse(json);
		assertThat(lines.nonJsonLines()).isEmpty();
		return lines.lines().get(0);
	}

}
