package io.github.correlation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README and the pages under {@code docs/} tell users holds: every configuration
 * property they name exists (the starter's in its own metadata, Boot's in the metadata of
 * Boot's modules on the class path), every relative link leads to a file that exists and,
 * for a link to a heading, to a heading that exists, and the README links to every page.
 */
class DocumentationTests {

	private static final Path ROOT = Path.of("..");

	private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");

	private static final Pattern PROPERTY = Pattern.compile(
			"(?<![\\w.-])((?:correlation|management|spring|server|logging)\\.[a-z0-9][a-z0-9.\\[\\]-]*[a-z0-9\\]])");

	/**
	 * Names under the properties' prefixes that are no properties: the starter's meters
	 * and span attributes, Spring Kafka's span tags, and Boot's baggage property written
	 * without its {@code management.tracing.baggage.} prefix.
	 */
	private static final Set<String> NOT_PROPERTIES = Set.of("correlation.export.spans", "correlation.export.logs",
			"correlation.context.lost", "correlation.context.missing", "correlation.logs.uncorrelated",
			"correlation.kafka.malformed.headers", "correlation.edge.decisions", "correlation.edge.baggage.dropped",
			"correlation.edge.decision", "correlation.fields", "spring.kafka.template.name",
			"spring.kafka.listener.id");

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*$");

	@Test
	void everyPropertyTheDocsNameExists() throws IOException {
		Metadata metadata = Metadata.load(getClass().getClassLoader());
		List<String> unknown = new ArrayList<>();
		int checked = 0;
		for (Path page : pages()) {
			Matcher code = CODE.matcher(Files.readString(page, StandardCharsets.UTF_8));
			while (code.find()) {
				Matcher property = PROPERTY.matcher(code.group(1));
				while (property.find()) {
					String name = property.group(1);
					if (isNoProperty(name)) {
						continue;
					}
					if (name.startsWith("correlation.") || metadata.covers(name)) {
						checked++;
						if (!metadata.knows(name)) {
							unknown.add(ROOT.relativize(page) + ": " + name);
						}
					}
				}
			}
		}
		assertThat(checked).as("properties checked").isGreaterThan(50);
		assertThat(unknown).as("properties the docs name that no metadata knows").isEmpty();
	}

	@Test
	void everyRelativeLinkResolves() throws IOException {
		List<String> broken = new ArrayList<>();
		int checked = 0;
		for (Path page : pages()) {
			Matcher link = LINK.matcher(withoutCodeBlocks(Files.readString(page, StandardCharsets.UTF_8)));
			while (link.find()) {
				String target = link.group(1);
				if (target.matches("^[a-z]+:.*")) {
					continue;
				}
				checked++;
				int hash = target.indexOf('#');
				String file = (hash >= 0) ? target.substring(0, hash) : target;
				String anchor = (hash >= 0) ? target.substring(hash + 1) : null;
				Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
				if (!Files.exists(resolved)) {
					broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
				}
				else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
					broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
				}
			}
		}
		assertThat(checked).as("relative links checked").isGreaterThan(3);
		assertThat(broken).as("relative links that lead nowhere").isEmpty();
	}

	private static boolean isNoProperty(String name) {
		return NOT_PROPERTIES.stream().anyMatch((other) -> name.equals(other) || name.startsWith(other + "."));
	}

	@Test
	void everyDocsPageIsLinkedFromTheReadme() throws IOException {
		String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
		List<String> unlinked = new ArrayList<>();
		for (Path page : pages()) {
			String relative = ROOT.relativize(page).toString();
			if (!relative.equals("README.md") && !readme.contains("](" + relative + ")")) {
				unlinked.add(relative);
			}
		}
		assertThat(unlinked).as("docs pages the README does not link to").isEmpty();
	}

	static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>();
		pages.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
			docs.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

	// The anchors GitHub gives a page's headings: lower case, punctuation other than
	// hyphens and underscores dropped, spaces to hyphens, -1, -2, ... for repeats
	static Set<String> anchors(Path page) throws IOException {
		Set<String> anchors = new HashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		for (String line : withoutCodeBlocks(Files.readString(page, StandardCharsets.UTF_8)).split("\n")) {
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				String slug = heading.group(1)
					.toLowerCase(Locale.ROOT)
					.replaceAll("[^\\p{L}\\p{N} _-]", "")
					.replace(' ', '-');
				int count = seen.merge(slug, 1, Integer::sum);
				anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
			}
		}
		return anchors;
	}

	private static String withoutCodeBlocks(String markdown) {
		return markdown.replaceAll("(?ms)^```.*?^```", "");
	}

	/**
	 * The configuration metadata on the class path: property names, and the names of the
	 * map properties (whose keys follow the name).
	 */
	private record Metadata(Set<String> names, Set<String> maps, Set<String> roots) {

		static Metadata load(ClassLoader classLoader) throws IOException {
			Set<String> names = new TreeSet<>();
			Set<String> maps = new TreeSet<>();
			Enumeration<URL> files = classLoader.getResources("META-INF/spring-configuration-metadata.json");
			while (files.hasMoreElements()) {
				try (InputStream json = files.nextElement().openStream()) {
					Map<String, Object> metadata = JsonParserFactory.getJsonParser()
						.parseMap(new String(json.readAllBytes(), StandardCharsets.UTF_8));
					for (String section : List.of("properties", "groups")) {
						for (Object entry : (List<?>) metadata.getOrDefault(section, List.of())) {
							Map<?, ?> property = (Map<?, ?>) entry;
							String name = (String) property.get("name");
							names.add(name);
							if (String.valueOf(property.get("type")).startsWith("java.util.Map")) {
								maps.add(name);
							}
						}
					}
				}
			}
			Set<String> roots = new TreeSet<>();
			names.forEach((name) -> roots
				.add(name.substring(0, name.indexOf('.') + 1) + name.substring(name.indexOf('.') + 1).split("\\.")[0]));
			return new Metadata(names, maps, roots);
		}

		// Boot's modules that are not on the class path have no metadata here: only names
		// under a prefix that some metadata on the class path declares are checked
		boolean covers(String name) {
			String[] parts = name.split("\\.");
			return parts.length > 1 && this.roots.contains(parts[0] + "." + parts[1]);
		}

		boolean knows(String name) {
			String property = name.replaceAll("\\[\\d*\\]", "");
			if (this.names.contains(property)) {
				return true;
			}
			for (String known : this.names) {
				if (known.startsWith(property + ".")) {
					return true;
				}
			}
			for (String map : this.maps) {
				if (property.startsWith(map + ".")) {
					return true;
				}
			}
			return false;
		}

	}

}
