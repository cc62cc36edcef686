package io.github.correlation.audit;

import java.util.Map;

/**
 * Counts that another part of the starter adds to the {@link CorrelationReport}, such as
 * the edge policy's decisions.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public interface ReportSection {

	/**
	 * The name of the section in the report.
	 * @return the name, such as {@code edge}
	 */
	String name();

	/**
	 * The counts, read when the report is taken.
	 * @return counts by name
	 */
	Map<String, Long> counts();

}
