package io.github.correlation.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds, on the current thread's stack, the first frame of application code: the code
 * that started work without a trace context. Frameworks, the JDK and the starter itself
 * are skipped by package prefix. Walking the stack is bounded and is done only for a root
 * span that is about to be reported.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CallSites {

	/**
	 * Package prefixes that are never application code.
	 */
	public static final List<String> FRAMEWORK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
			"jakarta.", "kotlin.", "kotlinx.", "scala.", "groovy.", "org.springframework.", "io.micrometer.",
			"io.opentelemetry.", "reactor.", "io.netty.", "org.apache.", "org.eclipse.jetty.", "io.undertow.",
			"org.hibernate.", "com.zaxxer.hikari.", "net.ttddyy.", "org.h2.", "org.postgresql.", "com.mysql.",
			"org.mariadb.", "oracle.jdbc.", "com.fasterxml.", "tools.jackson.", "ch.qos.logback.", "org.slf4j.",
			"org.aspectj.", "okhttp3.", "io.grpc.", "feign.", "org.junit.", "org.testcontainers.", "org.gradle.",
			"io.github.correlation.audit.", "io.github.correlation.autoconfigure.", "io.github.correlation.internal.",
			"io.github.correlation.kafka.", "io.github.correlation.logging.", "io.github.correlation.requestid.",
			"io.github.correlation.task.", "io.github.correlation.w3c.", "io.github.correlation.web.",
			"io.github.correlation.testkit.");

	/**
	 * What the site is called when no application frame is within reach.
	 */
	public static final String UNKNOWN = "unknown (no application frame in the first %d frames)";

	private static final String SCHEDULED_RUN = "org.springframework.scheduling.support.ScheduledMethodRunnable";

	private static final StackWalker walker = StackWalker.getInstance();

	private final String[] frameworkPackages;

	private final int maxDepth;

	/**
	 * Create a new instance.
	 * @param additionalFrameworkPackages package prefixes to skip besides
	 * {@link #FRAMEWORK_PACKAGES}
	 * @param maxDepth how many frames to look at, at most
	 */
	public CallSites(Collection<String> additionalFrameworkPackages, int maxDepth) {
		List<String> prefixes = new ArrayList<>(FRAMEWORK_PACKAGES);
		additionalFrameworkPackages.stream()
			.map((prefix) -> prefix.endsWith(".") ? prefix : prefix + ".")
			.forEach(prefixes::add);
		this.frameworkPackages = prefixes.toArray(String[]::new);
		this.maxDepth = maxDepth;
	}

	/**
	 * Whether a class or logger name belongs to a framework rather than the application.
	 * @param name a fully qualified class or logger name
	 * @return {@code true} if the name starts with a framework package prefix
	 */
	public boolean isFramework(String name) {
		for (String prefix : this.frameworkPackages) {
			// A logger may be named after the package itself:
			// "io.github.correlation.audit".
			if (name.startsWith(prefix) || (name.length() == prefix.length() - 1 && prefix.startsWith(name))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Walk the current thread's stack.
	 * @return the first application frame, or a {@code @Scheduled} run that was reached
	 * first, or an unknown site
	 */
	Site find() {
		Optional<StackWalker.StackFrame> frame = walker.walk(this::firstOfInterest);
		if (frame.isEmpty()) {
			return new Site(UNKNOWN.formatted(this.maxDepth), false);
		}
		StackWalker.StackFrame found = frame.get();
		if (SCHEDULED_RUN.equals(found.getClassName())) {
			return new Site(found.getClassName(), true);
		}
		return new Site(describe(found), false);
	}

	private Optional<StackWalker.StackFrame> firstOfInterest(Stream<StackWalker.StackFrame> frames) {
		return frames.limit(this.maxDepth)
			.filter((frame) -> SCHEDULED_RUN.equals(frame.getClassName()) || isApplication(frame.getClassName()))
			.findFirst();
	}

	private boolean isApplication(String className) {
		// CGLIB proxies of application classes are generated, not written.
		return !isFramework(className) && !className.contains("$$SpringCGLIB$$");
	}

	private static String describe(StackWalker.StackFrame frame) {
		String file = frame.getFileName();
		String location = (file != null) ? file + ":" + frame.getLineNumber() : "Unknown Source";
		return frame.getClassName() + "." + frame.getMethodName() + "(" + location + ")";
	}

	/**
	 * A place in the code.
	 *
	 * @param frame the frame, as a stack trace prints it
	 * @param scheduled whether the work is a {@code @Scheduled} run, an expected root
	 */
	record Site(String frame, boolean scheduled) {
	}

}
