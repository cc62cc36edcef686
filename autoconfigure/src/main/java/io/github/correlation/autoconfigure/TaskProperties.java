package io.github.correlation.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.Environment;

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

	/**
	 * Bind these properties before the application context exists.
	 * @param environment the environment
	 * @return the bound properties, with defaults in place of invalid values
	 * @see PropertySupport#bind(Environment, Class)
	 */
	static TaskProperties bind(Environment environment) {
		return PropertySupport.bind(environment, TaskProperties.class);
	}

}
