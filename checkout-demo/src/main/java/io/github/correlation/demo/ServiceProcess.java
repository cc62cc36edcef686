package io.github.correlation.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service of the chain, run from its jar in a JVM of its own. Its console output, one
 * JSON object per line, goes to {@code <service>.log}; anything on standard error to
 * {@code <service>.err.log}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final int port;

	private final Path log;

	private final Path errors;

	private final Process process;

	private ServiceProcess(String name, int port, Path log, Path errors, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.errors = errors;
		this.process = process;
	}

	/**
	 * Start a service.
	 * @param name the service name
	 * @param jar the executable jar
	 * @param port the HTTP port
	 * @param arguments further {@code --name=value} arguments
	 * @param logDirectory where the logs go
	 * @return the started process, not necessarily healthy yet
	 */
	public static ServiceProcess start(String name, Path jar, int port, List<String> arguments, Path logDirectory) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build it with ./mvnw -DskipTests package");
		}
		try {
			Files.createDirectories(logDirectory);
			Path log = logDirectory.resolve(name + ".log");
			Path errors = logDirectory.resolve(name + ".err.log");
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
							"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
							"--server.port=" + port, "--server.address=127.0.0.1"));
			command.addAll(arguments);
			Process process = new ProcessBuilder(command).redirectOutput(log.toFile())
				.redirectError(errors.toFile())
				.start();
			// a JVM that dies without closing the chain must not leave services running
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-reaper"));
			return new ServiceProcess(name, port, log, errors, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	/**
	 * Wait until the service reports itself healthy.
	 * @param timeout how long to wait
	 */
	public void awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + "\n" + tail());
			}
			try {
				HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			pause();
		}
		throw new IllegalStateException(this.name + " did not become healthy within " + timeout + "\n" + tail());
	}

	private static void pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String tail() {
		return "--- " + this.errors + "\n" + tail(this.errors) + "\n--- " + this.log + "\n" + tail(this.log);
	}

	private static String tail(Path file) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(unreadable: " + ex.getMessage() + ")";
		}
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	public Path log() {
		return this.log;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
