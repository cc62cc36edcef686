package io.github.correlation.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

/**
 * What the correlation properties classes share: binding before the application context
 * exists and the check of header, field and MDC key names.
 *
 * @author Correlation contributors
 */
final class PropertySupport {

	private PropertySupport() {
	}

	/**
	 * Bind a properties class from an environment, under the prefix of its
	 * {@link ConfigurationProperties @ConfigurationProperties}, for code that runs before
	 * the application context exists. Invalid values fall back to their defaults here:
	 * the context's own binding rejects them at startup, with a message that names the
	 * property.
	 * @param <T> the type of the properties
	 * @param environment the environment
	 * @param type the properties class
	 * @return the bound properties
	 */
	static <T> T bind(Environment environment, Class<T> type) {
		String prefix = MergedAnnotations.from(type).get(ConfigurationProperties.class).getString("prefix");
		return Binder.get(environment).bindOrCreate(prefix, Bindable.of(type), new IgnoreErrorsBindHandler());
	}

	static String requireToken(String value, String property) {
		Assert.isTrue(value != null && !value.isEmpty() && value.chars().allMatch(PropertySupport::isTokenChar),
				() -> property + " must be a non-empty token (letters, digits and !#$%&'*+-.^_`|~), not '" + value
						+ "'");
		return value;
	}

	private static boolean isTokenChar(int ch) {
		return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
				|| "!#$%&'*+-.^_`|~".indexOf(ch) >= 0;
	}

}
