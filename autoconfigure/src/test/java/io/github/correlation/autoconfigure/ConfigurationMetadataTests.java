package io.github.correlation.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata users see in their IDE, and that the docs are checked
 * against, is the recorded one: every {@code correlation.*} property with its type,
 * default and description, and every hint. A change to a property (or moving it to
 * another properties class) that changes what users see fails here; when the change is
 * meant, record the metadata again with
 * {@code ./mvnw -pl autoconfigure test -Dtest=ConfigurationMetadataTests -Dcorrelation.metadata.record=true}
 * and review the diff of {@value #RECORDED}.
 */
class ConfigurationMetadataTests {

	private static final String RECORDED = "src/test/resources/configuration-metadata.txt";

	private static final Path GENERATED = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	@Test
	void theGeneratedMetadataIsTheRecordedOne() throws IOException {
		List<String> generated = describe(
				JsonParserFactory.getJsonParser().parseMap(Files.readString(GENERATED, StandardCharsets.UTF_8)));
		if (Boolean.getBoolean("correlation.metadata.record")) {
			Files.write(Path.of(RECORDED), generated, StandardCharsets.UTF_8);
		}
		assertThat(generated).as("the configuration metadata (%s)", GENERATED)
			.containsExactlyElementsOf(Files.readAllLines(Path.of(RECORDED), StandardCharsets.UTF_8));
	}

	// Where a property is declared (sourceType) is left out: it is not what users see.
	@SuppressWarnings("unchecked")
	private static List<String> describe(Map<String, Object> metadata) {
		Map<String, List<String>> entries = new TreeMap<>();
		for (Map<String, Object> property : (List<Map<String, Object>>) metadata.get("properties")) {
			List<String> lines = new ArrayList<>();
			lines.add("property " + property.get("name"));
			lines.add("  type: " + property.get("type"));
			lines.add("  default: " + Objects.toString(property.get("defaultValue"), "(none)"));
			lines.add("  description: " + property.get("description"));
			if (property.containsKey("deprecation")) {
				lines.add("  deprecation: " + property.get("deprecation"));
			}
			entries.put(lines.get(0), lines);
		}
		for (Map<String, Object> hint : (List<Map<String, Object>>) metadata.getOrDefault("hints", List.of())) {
			List<String> lines = List.of("hint " + hint.get("name"), "  values: " + hint.get("values"),
					"  providers: " + hint.get("providers"));
			entries.put(lines.get(0), lines);
		}
		List<String> described = new ArrayList<>();
		entries.values().forEach(described::addAll);
		return described;
	}

}
