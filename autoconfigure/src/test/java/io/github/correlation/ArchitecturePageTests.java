package io.github.correlation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class that {@code docs/architecture.md} names exists: the starter's own by simple
 * name (a source file of that name in the repository, holding the member when one is
 * named, as in {@code Class.member}), those of Spring, Micrometer and OpenTelemetry by
 * full name, on the class path.
 */
class ArchitecturePageTests {

	private static final Path ROOT = Path.of("..");

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private static final Pattern QUALIFIED = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*");

	private static final Pattern SIMPLE = Pattern.compile("([A-Z][A-Za-z0-9]*)(\\.([a-z]\\w*))?");

	@Test
	void everyClassThePageNamesExists() throws IOException {
		String page = Files.readString(ROOT.resolve("docs/architecture.md"), StandardCharsets.UTF_8);
		Map<String, Path> sources = sources();
		List<String> missing = new ArrayList<>();
		int checked = 0;
		Matcher code = CODE.matcher(page);
		while (code.find()) {
			String name = code.group(1);
			Matcher simple = SIMPLE.matcher(name);
			if (QUALIFIED.matcher(name).matches()) {
				checked++;
				if (!ClassUtils.isPresent(name, getClass().getClassLoader())) {
					missing.add(name);
				}
			}
			else if (simple.matches()) {
				checked++;
				Path source = sources.get(simple.group(1));
				if (source == null
						|| (simple.group(3) != null && !Files.readString(source).contains(simple.group(3)))) {
					missing.add(name);
				}
			}
		}
		assertThat(checked).as("class names checked").isGreaterThan(40);
		assertThat(missing).as("classes named in docs/architecture.md that do not exist").isEmpty();
	}

	private static Map<String, Path> sources() throws IOException {
		try (Stream<Path> files = Files.walk(ROOT)) {
			return files
				.filter((file) -> file.toString().endsWith(".java") && !file.toString().contains("/target/")
						&& file.toString().contains("/src/"))
				.collect(Collectors.toMap((file) -> file.getFileName().toString().replace(".java", ""), (file) -> file,
						(first, second) -> first));
		}
	}

}
