package io.github.correlation.task;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.github.correlation.internal.FrameworkFields;
import io.github.correlation.internal.FrameworkFields.FieldValue;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Makes the application's own executor beans run every task in the submitting thread's
 * context, as Boot's builders do for {@code applicationTaskExecutor} and
 * {@code taskScheduler}:
 * <ul>
 * <li>Spring executors with a task decorator ({@code ThreadPoolTaskExecutor},
 * {@code ThreadPoolTaskScheduler}, {@code SimpleAsyncTaskExecutor},
 * {@code ConcurrentTaskExecutor}, ...) keep their own decorator and get a
 * {@link ContextPropagatingTaskDecorator} around it;</li>
 * <li>{@code Executor}, {@code ExecutorService} and {@code ScheduledExecutorService}
 * beans declared by one of those interfaces are wrapped, see {@link TaskContext}.</li>
 * </ul>
 * An executor that already propagates context is left as it is. A bean declared by a
 * concrete JDK type ({@code ThreadPoolExecutor}) cannot be replaced by a wrapper without
 * breaking its injection points; it is named in one warning at startup.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ExecutorContextPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ExecutorContextPostProcessor.class);

	private final Map<String, String> decorated = Collections.synchronizedMap(new LinkedHashMap<>());

	private final Map<String, String> unreachable = Collections.synchronizedMap(new LinkedHashMap<>());

	private final Map<String, String> alreadyPropagating = Collections.synchronizedMap(new LinkedHashMap<>());

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof Executor)) {
			return bean;
		}
		Method setter = ReflectionUtils.findMethod(bean.getClass(), "setTaskDecorator", TaskDecorator.class);
		if (setter != null) {
			decorate(bean, beanName, setter);
			return bean;
		}
		Class<?> declared = declaredType(beanName);
		if (declared == ScheduledExecutorService.class && bean instanceof ScheduledExecutorService scheduled) {
			return wrapped(beanName, TaskContext.wrap(scheduled));
		}
		if (declared == ExecutorService.class && bean instanceof ExecutorService service) {
			return wrapped(beanName, TaskContext.wrap(service));
		}
		if (declared == Executor.class) {
			return wrapped(beanName, TaskContext.wrap((Executor) bean));
		}
		this.unreachable.put(beanName, (declared != null) ? declared.getName() : bean.getClass().getName());
		return bean;
	}

	private void decorate(Object bean, String beanName, Method setter) {
		FieldValue<TaskDecorator> read = FrameworkFields.read(bean, "taskDecorator", TaskDecorator.class, beanName,
				"Its tasks run without the submitting thread's trace context: it is left as it is, so that its "
						+ "own task decorator is not replaced.");
		if (!read.present()) {
			this.unreachable.put(beanName, bean.getClass().getName());
			return;
		}
		TaskDecorator existing = read.value();
		if (propagatesContext(existing, beanName)) {
			this.alreadyPropagating.put(beanName, ClassUtils.getShortName(bean.getClass()));
			return;
		}
		TaskDecorator propagating = new ContextPropagatingTaskDecorator();
		TaskDecorator decorator = (existing != null) ? new CompositeTaskDecorator(List.of(existing, propagating))
				: propagating;
		ReflectionUtils.makeAccessible(setter);
		ReflectionUtils.invokeMethod(setter, bean, decorator);
		this.decorated.put(beanName, ClassUtils.getShortName(bean.getClass()));
	}

	private Object wrapped(String beanName, Object wrapper) {
		this.decorated.put(beanName, "wrapped");
		return wrapper;
	}

	private @Nullable Class<?> declaredType(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return null;
		}
		return this.beanFactory.getMergedBeanDefinition(beanName).getResolvableType().resolve();
	}

	private static boolean propagatesContext(@Nullable TaskDecorator decorator, String beanName) {
		if (decorator instanceof ContextPropagatingTaskDecorator) {
			return true;
		}
		if (decorator instanceof CompositeTaskDecorator composite) {
			List<?> decorators = FrameworkFields
				.read(composite, "taskDecorators", List.class, beanName,
						"Its composite task decorator is treated as not propagating context, and wrapped.")
				.value();
			return decorators != null
					&& decorators.stream().anyMatch((item) -> propagatesContext((TaskDecorator) item, beanName));
		}
		return false;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.decorated.isEmpty()) {
			logger.debug("Executor beans that now carry the submitting thread's context: " + this.decorated);
		}
		if (!this.unreachable.isEmpty()) {
			logger.warn("Executor beans that run tasks without the submitting thread's trace context: "
					+ this.unreachable + ". Declare them as Executor, ExecutorService or "
					+ "ScheduledExecutorService, or create them with TaskContext.wrap(...).");
		}
	}

	/**
	 * Return the executor beans made context-propagating, by bean name.
	 * @return bean names and how they were changed
	 */
	public Map<String, String> getDecorated() {
		synchronized (this.decorated) {
			return new LinkedHashMap<>(this.decorated);
		}
	}

	/**
	 * Return the executor beans that already propagated context, such as those built by
	 * Boot, by bean name.
	 * @return bean names and executor types
	 */
	public Map<String, String> getAlreadyPropagating() {
		synchronized (this.alreadyPropagating) {
			return new LinkedHashMap<>(this.alreadyPropagating);
		}
	}

	/**
	 * Return the executor beans that could not be made context-propagating, by bean name.
	 * @return bean names and declared types
	 */
	public Map<String, String> getUnreachable() {
		synchronized (this.unreachable) {
			return new LinkedHashMap<>(this.unreachable);
		}
	}

}
