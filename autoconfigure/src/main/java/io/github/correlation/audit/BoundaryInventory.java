package io.github.correlation.audit;

import java.util.Map;
import java.util.function.Supplier;

/**
 * What the starter instrumented at one boundary of this application, and what it could
 * not reach, for the {@link CorrelationReport}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public interface BoundaryInventory {

	/**
	 * The boundary, such as {@code http.server}, {@code http.client},
	 * {@code kafka.producer}, {@code kafka.consumer} or {@code task}.
	 * @return the boundary name
	 */
	String boundary();

	/**
	 * The parts instrumented at this boundary.
	 * @return bean or container names, and how each is instrumented
	 */
	Map<String, String> instrumented();

	/**
	 * The parts the starter could not instrument: their work carries no trace context.
	 * @return bean or container names, and why each is out of reach
	 */
	Map<String, String> outOfReach();

	/**
	 * Create an inventory whose contents are read when the report is taken.
	 * @param boundary the boundary name
	 * @param instrumented supplies the instrumented parts
	 * @param outOfReach supplies the parts out of reach
	 * @return the inventory
	 */
	static BoundaryInventory of(String boundary, Supplier<Map<String, String>> instrumented,
			Supplier<Map<String, String>> outOfReach) {
		return new BoundaryInventory() {

			@Override
			public String boundary() {
				return boundary;
			}

			@Override
			public Map<String, String> instrumented() {
				return instrumented.get();
			}

			@Override
			public Map<String, String> outOfReach() {
				return outOfReach.get();
			}

		};
	}

}
