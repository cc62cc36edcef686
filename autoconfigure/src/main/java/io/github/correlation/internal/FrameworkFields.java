package io.github.correlation.internal;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.SpringVersion;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Reads private fields of Spring types that expose no getter: the task decorator of an
 * executor, the decorators of a {@code CompositeTaskDecorator}, the observation registry
 * of a {@code RestClient} or {@code WebClient}. Every such read goes through here, so the
 * dependency on Spring's internals is in one place, pinned by tests to
 * {@link #VERIFIED_AGAINST}.
 * <p>
 * When a field is not where it was, the read says so ({@link FieldValue#present()} is
 * {@code false}) and a warning names the bean, the field and the Spring version, once per
 * bean: the caller then leaves the bean as it is rather than guess.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class FrameworkFields {

	/**
	 * The Spring Framework generation the field reads were verified against.
	 */
	public static final String VERIFIED_AGAINST = "7.0";

	private static final Log logger = LogFactory.getLog(FrameworkFields.class);

	private static final Set<String> warned = ConcurrentHashMap.newKeySet();

	private FrameworkFields() {
	}

	/**
	 * Read a field of the given object.
	 * @param <T> the field type
	 * @param target the object to read from
	 * @param name the field name
	 * @param type the field type
	 * @param beanName the bean the object is, or belongs to, named in the warning
	 * @param consequence what the caller does without the value, for the warning
	 * @return the value, or a missing value when the field moved
	 */
	public static <T> FieldValue<T> read(Object target, String name, Class<T> type, String beanName,
			String consequence) {
		Field field = ReflectionUtils.findField(target.getClass(), name);
		if (field == null || !type.isAssignableFrom(ClassUtils.resolvePrimitiveIfNecessary(field.getType()))) {
			warnMoved(target, name, type, beanName, consequence);
			return new FieldValue<>(false, null);
		}
		ReflectionUtils.makeAccessible(field);
		return new FieldValue<>(true, type.cast(ReflectionUtils.getField(field, target)));
	}

	private static void warnMoved(Object target, String name, Class<?> type, String beanName, String consequence) {
		if (warned.add(beanName + "/" + target.getClass().getName() + "." + name) && logger.isWarnEnabled()) {
			logger.warn("Bean '" + beanName + "': " + target.getClass().getName() + " has no field '" + name
					+ "' of type " + type.getName() + " (read as verified against Spring Framework " + VERIFIED_AGAINST
					+ ".x; running " + SpringVersion.getVersion() + "). " + consequence);
		}
	}

	/**
	 * The result of a field read.
	 *
	 * @param <T> the field type
	 * @param present whether the field exists
	 * @param value its value, {@code null} when absent or unset
	 */
	public record FieldValue<T>(boolean present, @Nullable T value) {

	}

}
