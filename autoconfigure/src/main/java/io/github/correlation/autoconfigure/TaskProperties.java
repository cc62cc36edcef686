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

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
