package io.github.correlation.logging.events;

import java.io.PrintWriter;
import java.io.StringWriter;

import ch.qos.logback.classic.spi.ThrowableProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackTracesTests {

	@Test
	void writesAStackTraceAsJavaPrintsIt() {
		IllegalStateException failure = new IllegalStateException("outer", new IllegalArgumentException("inner"));
		failure.addSuppressed(new RuntimeException("suppressed"));
		String written = StackTraces.of(proxy(failure), Integer.MAX_VALUE);
		assertThat(written).isEqualTo(printed(failure));
	}

	@Test
	void stopsAtTheMaximumLengthByAtMostOneLine() {
		RuntimeException failure = deep(200);
		String written = StackTraces.of(proxy(failure), 500);
		assertThat(written).startsWith("java.lang.RuntimeException: deep\n\tat ");
		assertThat(written.length()).isGreaterThanOrEqualTo(500).isLessThan(500 + 300);
		assertThat(printed(failure)).startsWith(written);
	}

	@Test
	void survivesACyclicCause() {
		RuntimeException first = new RuntimeException("first");
		RuntimeException second = new RuntimeException("second", first);
		first.initCause(second);
		assertThat(StackTraces.of(proxy(first), 100_000)).contains("Caused by: java.lang.RuntimeException: second")
			.hasSizeLessThan(100_000);
	}

	private static ThrowableProxy proxy(Throwable throwable) {
		ThrowableProxy proxy = new ThrowableProxy(throwable);
		return proxy;
	}

	private static String printed(Throwable throwable) {
		StringWriter out = new StringWriter();
		throwable.printStackTrace(new PrintWriter(out));
		return out.toString().replace(System.lineSeparator(), "\n").stripTrailing();
	}

	private static RuntimeException deep(int depth) {
		if (depth == 0) {
			return new RuntimeException("deep");
		}
		return deep(depth - 1);
	}

}
