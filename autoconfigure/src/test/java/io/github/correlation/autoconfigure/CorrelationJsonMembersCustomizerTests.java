package io.github.correlation.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonWriter;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationJsonMembersCustomizerTests {

	@Test
	void renamesTheMdcMembersOfEcsLines() {
		CorrelationJsonMembersCustomizer customizer = new CorrelationJsonMembersCustomizer(ecs());
		String json = write(customizer, true);
		assertThat(json).contains("\"trace.id\":\"t1\"", "\"span.id\":\"s1\"", "\"http.request.id\":\"r1\"")
			.doesNotContain("\"trace_id\"");
	}

	@Test
	void leavesOtherFormatsAlone() {
		String json = write(new CorrelationJsonMembersCustomizer(ecs()), false);
		assertThat(json).contains("\"trace_id\":\"t1\"", "\"span_id\":\"s1\"", "\"request_id\":\"r1\"");
	}

	@Test
	void followsTheConfiguredKeys() {
		MockEnvironment environment = ecs().withProperty("correlation.logging.mdc.trace-id", "tid");
		Map<String, String> mdc = new LinkedHashMap<>(Map.of("tid", "t1"));
		JsonWriter<Map<String, String>> writer = JsonWriter.of((members) -> {
			members.add("log").usingMembers((log) -> log.add("level", "INFO"));
			members.add().usingPairs((map, pairs) -> map.forEach(pairs));
			new CorrelationJsonMembersCustomizer(environment).customize(cast(members));
		});
		assertThat(writer.writeToString(mdc)).contains("\"trace.id\":\"t1\"");
	}

	@Test
	void doesNothingWhenDisabled() {
		MockEnvironment environment = ecs().withProperty("correlation.logging.enabled", "false");
		assertThat(write(new CorrelationJsonMembersCustomizer(environment), true)).contains("\"trace_id\":\"t1\"");
	}

	@Test
	void renamesNothingWhenNoEcsFormatIsConfigured() {
		MockEnvironment environment = new MockEnvironment().withProperty("logging.structured.format.console",
				"logstash");
		assertThat(write(new CorrelationJsonMembersCustomizer(environment), true)).contains("\"trace_id\":\"t1\"");
	}

	@Test
	void renamesInEcsFileLogsToo() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("logging.structured.format.console", "logstash")
			.withProperty("logging.structured.format.file", "ecs");
		assertThat(write(new CorrelationJsonMembersCustomizer(environment), true)).contains("\"trace.id\":\"t1\"");
	}

	private static MockEnvironment ecs() {
		return new MockEnvironment().withProperty("logging.structured.format.console", "ecs");
	}

	private static String write(CorrelationJsonMembersCustomizer customizer, boolean ecs) {
		Map<String, String> mdc = new LinkedHashMap<>();
		mdc.put("trace_id", "t1");
		mdc.put("span_id", "s1");
		mdc.put("request_id", "r1");
		JsonWriter<Map<String, String>> writer = JsonWriter.of((members) -> {
			if (ecs) {
				members.add("log").usingMembers((log) -> log.add("level", "INFO"));
			}
			else {
				members.add("level", "INFO");
			}
			members.add().usingPairs((map, pairs) -> map.forEach(pairs));
			customizer.customize(cast(members));
		});
		return writer.writeToString(mdc);
	}

	@SuppressWarnings("unchecked")
	private static JsonWriter.Members<Object> cast(JsonWriter.Members<?> members) {
		return (JsonWriter.Members<Object>) members;
	}

}
