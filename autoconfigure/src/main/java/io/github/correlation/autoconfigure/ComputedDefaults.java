package io.github.correlation.autoconfigure;

import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Defaults for properties that Boot owns, as the last (lowest precedence) property
 * source: any value the application sets anywhere wins, {@code SpringApplication}'s own
 * default properties included, and {@code /actuator/env} shows where each default came
 * from. Values are computed when read, from the final environment.
 * <p>
 * The environment is held in a field, not as the source: Boot walks into any property
 * source whose source is an environment, which would include this one again.
 *
 * @author Correlation contributors
 */
final class ComputedDefaults extends EnumerablePropertySource<Object> {

	private static final String DEFAULT_PROPERTIES = "defaultProperties";

	private final ConfigurableEnvironment environment;

	private final Map<String, Function<Environment, @Nullable Object>> defaults;

	private ComputedDefaults(String name, ConfigurableEnvironment environment,
			Map<String, Function<Environment, @Nullable Object>> defaults) {
		super(name, new Object());
		this.environment = environment;
		this.defaults = defaults;
	}

	/**
	 * Add the defaults to the environment, once.
	 * @param environment the environment
	 * @param name the name of the property source
	 * @param defaults the value of each property, computed from the environment;
	 * {@code null} leaves the property unset
	 */
	static void addLast(ConfigurableEnvironment environment, String name,
			Map<String, Function<Environment, @Nullable Object>> defaults) {
		if (!environment.getPropertySources().contains(name)) {
			environment.getPropertySources().addLast(new ComputedDefaults(name, environment, defaults));
		}
	}

	@Override
	public String[] getPropertyNames() {
		return this.defaults.keySet().stream().filter((name) -> !isApplicationDefault(name)).toArray(String[]::new);
	}

	@Override
	public @Nullable Object getProperty(String name) {
		Function<Environment, @Nullable Object> value = this.defaults.get(name);
		return (value != null && !isApplicationDefault(name)) ? value.apply(this.environment) : null;
	}

	// Boot always ranks SpringApplication's default properties last, below this source,
	// so this source steps aside for the names they hold
	private boolean isApplicationDefault(String name) {
		PropertySource<?> defaults = this.environment.getPropertySources().get(DEFAULT_PROPERTIES);
		return defaults != null && defaults.containsProperty(name);
	}

}
