package io.github.correlation.audit;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code correlation} Actuator endpoint: the {@link CorrelationReport} on read, a
 * reset of the audit on delete.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@Endpoint(id = "correlation")
public final class CorrelationEndpoint {

	private final CorrelationReport report;

	/**
	 * Create a new instance.
	 * @param report the report to serve
	 */
	public CorrelationEndpoint(CorrelationReport report) {
		this.report = report;
	}

	/**
	 * The report as it stands.
	 * @return the report
	 */
	@ReadOperation
	public CorrelationReport.Report report() {
		return this.report.report();
	}

	/**
	 * Forget what the audit found so far.
	 */
	@DeleteOperation
	public void reset() {
		this.report.reset();
	}

}
