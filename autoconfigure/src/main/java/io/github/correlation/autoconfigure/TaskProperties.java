package io.github.correlation.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for task execution.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@ConfigurationProperties("correlation.task")
public class TaskProperties {

	/**
	 * Whether tasks run in the context of the code that submitted them: Boot's and the
	 * application's executors and schedulers, hand-made spans and baggage, Reactor
	 * operators.
	 */
	private boolean enabled = true;

	private final Reactor reactor = new Reactor();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Reactor getReactor() {
		return this.reactor;
	}

	/**
	 * Reactor schedulers.
	 */
	public static class Reactor {

		/**
		 * Whether work Reactor schedules on another thread (publishOn, subscribeOn,
		 * boundedElastic, timers) runs in the context current when it was scheduled.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
