package io.github.correlation.test;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a test application the way a user would run it, its server on a random loopback
 * port.
 */
public final class TestApplication {

	private TestApplication() {
	}

	public static ConfigurableApplicationContext run(Class<?>[] sources, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(sources).properties(all.toArray(String[]::new)).run();
	}

	/**
	 * Run a WebFlux application on Reactor Netty: the servlet stack is on the test class
	 * path as well, and Boot would pick it.
	 * @param sources the application's sources
	 * @param properties its properties
	 * @return the running application
	 */
	public static ConfigurableApplicationContext runReactive(Class<?>[] sources, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("spring.main.web-application-type=reactive");
		return run(sources, all.toArray(String[]::new));
	}

	/**
	 * Forget the logging settings of the applications run so far: Boot keeps them in
	 * system properties and never overwrites them, so a later application would log the
	 * same way.
	 */
	public static void clearLoggingSystemProperties() {
		for (LoggingSystemProperty property : LoggingSystemProperty.values()) {
			System.clearProperty(property.getEnvironmentVariableName());
		}
	}

	public static int port(ApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
