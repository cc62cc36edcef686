package io.github.correlation.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the public W3C Trace Context test suite ({@code conformance/w3c-trace-context},
 * w3c/trace-context at commit acab820, unmodified) against a test service, at
 * {@code STRICT_LEVEL=2 SPEC_LEVEL=2}, with its harness on a random loopback port.
 * <p>
 * The suite needs Python 3 with {@code aiohttp} (Debian's {@code python3-aiohttp}).
 * Without it the calling test is skipped, unless the environment variable
 * {@value #REQUIRED_VARIABLE} is {@code required}, as {@code .ci/run} sets it: then it
 * fails.
 */
public final class TraceContextSuite {

	/**
	 * Set to {@code required} to fail instead of skipping when Python or aiohttp is
	 * missing.
	 */
	public static final String REQUIRED_VARIABLE = "CORRELATION_W3C_SUITE";

	private static final Pattern CASE = Pattern.compile("^(test_\\w+) \\(__main__\\.(\\w+)");

	private static final Pattern OUTCOME = Pattern.compile(" \\.\\.\\. (ok|FAIL|ERROR|skipped.*)$");

	private static final Pattern RAN = Pattern.compile("^Ran (\\d+) tests? in ");

	private TraceContextSuite() {
	}

	/**
	 * Run every case of the suite.
	 * @param serviceEndpoint the test service's URL, for example
	 * {@code http://127.0.0.1:8080/test}
	 * @return what the suite reported
	 */
	public static Result run(String serviceEndpoint) {
		String python = python();
		try {
			ProcessBuilder builder = new ProcessBuilder(python, "test.py").directory(directory().toFile())
				.redirectErrorStream(true);
			Map<String, String> environment = builder.environment();
			environment.put("SERVICE_ENDPOINT", serviceEndpoint);
			environment.put("STRICT_LEVEL", "2");
			environment.put("SPEC_LEVEL", "2");
			environment.put("HARNESS_HOST", "127.0.0.1");
			environment.put("HARNESS_PORT", String.valueOf(freePort()));
			environment.put("PYTHONDONTWRITEBYTECODE", "1");
			environment.put("PYTHONUNBUFFERED", "1");
			Process process = builder.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(1, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				fail("the W3C Trace Context suite did not end:%n%s", output);
			}
			return Result.parse(output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String python() {
		for (String candidate : List.of("/usr/bin/python3", "python3")) {
			if (canImportAiohttp(candidate)) {
				return candidate;
			}
		}
		String message = "The W3C Trace Context suite needs Python 3 with aiohttp (apt-get install python3-aiohttp)";
		if ("required".equals(System.getenv(REQUIRED_VARIABLE))) {
			fail(message);
		}
		assumeTrue(false, message);
		throw new IllegalStateException(message);
	}

	private static boolean canImportAiohttp(String python) {
		try {
			Process process = new ProcessBuilder(python, "-c", "import aiohttp").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Path directory() {
		for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
			Path suite = dir.toPath().resolve("conformance/w3c-trace-context/test");
			if (Files.isRegularFile(suite.resolve("test.py"))) {
				return suite;
			}
		}
		throw new IllegalStateException(
				"conformance/w3c-trace-context/test not found above " + new File("").getAbsolutePath());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * What the suite reported.
	 *
	 * @param ran the number of cases the suite says it ran
	 * @param outcomes each case's outcome ({@code ok}, {@code FAIL}, {@code ERROR} or
	 * {@code skipped ...}), in the order run
	 * @param output everything the suite printed
	 */
	public record Result(int ran, Map<String, String> outcomes, String output) {

		static Result parse(String output) {
			Map<String, String> outcomes = new LinkedHashMap<>();
			int ran = -1;
			@Nullable String current = null;
			for (String line : output.split("\\R")) {
				Matcher testCase = CASE.matcher(line);
				if (testCase.find()) {
					current = testCase.group(1);
				}
				Matcher outcome = OUTCOME.matcher(line);
				if (current != null && outcome.find()) {
					outcomes.put(current, outcome.group(1));
					current = null;
				}
				Matcher summary = RAN.matcher(line);
				if (summary.find()) {
					ran = Integer.parseInt(summary.group(1));
				}
			}
			return new Result(ran, outcomes, output);
		}

		/**
		 * Return the cases that failed or raised an error.
		 * @return the names of the cases that did not pass
		 */
		public List<String> failed() {
			List<String> failed = new ArrayList<>();
			this.outcomes.forEach((name, outcome) -> {
				if (!outcome.equals("ok")) {
					failed.add(name);
				}
			});
			return failed;
		}

		/**
		 * Return the number of cases that passed.
		 * @return the number of cases that passed
		 */
		public int passed() {
			return this.outcomes.size() - failed().size();
		}

		/**
		 * One line: how many cases passed of how many, and which failed.
		 * @return the summary
		 */
		public String summary() {
			return passed() + " of " + this.ran + " cases pass" + (failed().isEmpty() ? "" : "; failing: " + failed());
		}

	}

}
