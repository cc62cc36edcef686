package io.github.correlation.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property of the starter is described in the metadata that IDEs read, and in the
 * README's table.
 */
class PropertyMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyIsDescribedAndDocumented() throws IOException {
		Map<String, Object> metadata;
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonParserFactory.getJsonParser()
				.parseMap(new String(json.readAllBytes(), StandardCharsets.UTF_8));
		}
		String readme = Files.readString(Path.of("../README.md"));
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
		assertThat(properties).filteredOn((property) -> ((String) property.get("name")).startsWith("correlation."))
			.isNotEmpty()
			.allSatisfy((property) -> {
				assertThat((String) property.get("description")).as("description of %s", property.get("name"))
					.isNotBlank();
				assertThat(readme).as("README row of %s", property.get("name"))
					.contains("| `" + property.get("name") + "` |");
			});
	}

}
