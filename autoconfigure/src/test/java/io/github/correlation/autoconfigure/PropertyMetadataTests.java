package io.github.correlation.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
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
 * The configuration metadata that IDEs read: every property of the starter is described
 * in it and in the table of {@code docs/configuration.md}, and it is the recorded one.
 * <p>
 * The recorded metadata is every {@code correlation.*} property with its type, default
 * and description, and every hint. A change that alters what users see (moving a property
 * to another properties class included) fails here; when the change is meant, record the
 * metadata again with
 * {@code ./mvnw -pl autoconfigure test -Dtest=PropertyMetadataTests -Dcorrelation.metadata.record=true}
 * and review the diff of {@value #RECORDED}.
 */
class PropertyMetadataTests {

	private static final String RECORDED = "src/test/resources/configuration-metadata.txt";

	@Test
	void everyPropertyIsDescribedAndDocumented() throws IOException {
		String page = Files.readString(Path.of("../docs/configuration.md"));
		assertThat(properties(metadata()))
			.filteredOn((property) -> ((String) property.get("name")).startsWith("correlation."))
			.isNotEmpty()
			.allSatisfy((property) -> {
				assertThat((String) property.get("description")).as("description of %s", property.get("name"))
					.isNotBlank();
				assertThat(page).as("docs/configuration.md row of %s", property.get("name"))
					.contains("| `" + property.get("name") + "` |");
			});
	}

	@Test
	void theGeneratedMetadataIsTheRecordedOne() throws IOException {
		List<String> generated = describe(metadata());
		if (Boolean.getBoolean("correlation.metadata.record")) {
			Files.write(Path.of(RECORDED), generated, StandardCharsets.UTF_8);
		}
		assertThat(generated).as("the generated configuration metadata")
			.containsExactlyElementsOf(Files.readAllLines(Path.of(RECORDED), StandardCharsets.UTF_8));
	}

	private Map<String, Object> metadata() throws IOException {
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return JsonParserFactory.getJsonParser().parseMap(new String(json.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> properties(Map<String, Object> metadata) {
		return (List<Map<String, Object>>) metadata.get("properties");
	}

	// Where a property is declared (sourceType) is left out: it is not what users see.
	@SuppressWarnings("unchecked")
	private static List<String> describe(Map<String, Object> metadata) {
		Map<String, List<String>> entries = new TreeMap<>();
		for (Map<String, Object> property : properties(metadata)) {
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
