package io.github.correlation.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Configuration properties for propagation audit.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@ConfigurationProperties("correlation.audit")
public class AuditProperties {

	/**
	 * Whether to audit propagation: count and report root spans that start inside an
	 * internal operation, hops that arrive without a trace context and application log
	 * lines written outside any trace.
	 */
	private boolean enabled = true;

	/**
	 * Whether nothing outside calls this service directly, so that every HTTP request
	 * arriving without a traceparent is reported as a hop without context.
	 */
	private boolean internal;

	/**
	 * Comma-separated list of path patterns that may be called without a trace context at
	 * an internal service, such as health checks and metrics scrapes.
	 */
	private List<String> internalExemptPaths = new ArrayList<>(List.of("/actuator/**"));

	/**
	 * Comma-separated list of span name patterns ('*' matches any text) of root spans
	 * that start a trace on purpose.
	 */
	private List<String> expectedRoots = new ArrayList<>();

	/**
	 * Comma-separated list of package prefixes to skip, besides the JDK's and the known
	 * frameworks', when naming the code that started a span without a context and when
	 * telling application loggers from framework ones.
	 */
	private List<String> frameworkPackages = new ArrayList<>();

	/**
	 * Least time between two WARN lines about the same lost context or hop.
	 */
	private Duration reportInterval = Duration.ofMinutes(1);

	/**
	 * Maximum number of stack frames to look at for the code that started a span without
	 * a context.
	 */
	private int maxStackDepth = 128;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isInternal() {
		return this.internal;
	}

	public void setInternal(boolean internal) {
		this.internal = internal;
	}

	public List<String> getInternalExemptPaths() {
		return this.internalExemptPaths;
	}

	public void setInternalExemptPaths(List<String> internalExemptPaths) {
		this.internalExemptPaths = internalExemptPaths;
	}

	public List<String> getExpectedRoots() {
		return this.expectedRoots;
	}

	public void setExpectedRoots(List<String> expectedRoots) {
		this.expectedRoots = expectedRoots;
	}

	public List<String> getFrameworkPackages() {
		return this.frameworkPackages;
	}

	public void setFrameworkPackages(List<String> frameworkPackages) {
		this.frameworkPackages = frameworkPackages;
	}

	public Duration getReportInterval() {
		return this.reportInterval;
	}

	public void setReportInterval(Duration reportInterval) {
		Assert.isTrue(reportInterval != null && !reportInterval.isNegative(),
				() -> "correlation.audit.report-interval must not be negative, not " + reportInterval);
		this.reportInterval = reportInterval;
	}

	public int getMaxStackDepth() {
		return this.maxStackDepth;
	}

	public void setMaxStackDepth(int maxStackDepth) {
		Assert.isTrue(maxStackDepth > 0,
				() -> "correlation.audit.max-stack-depth must be positive, not " + maxStackDepth);
		this.maxStackDepth = maxStackDepth;
	}

}
