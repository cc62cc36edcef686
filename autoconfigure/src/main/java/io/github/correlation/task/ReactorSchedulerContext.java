package io.github.correlation.task;

import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.context.Context;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Carries the current context (observation, span, baggage, and through them the MDC ids)
 * to the work Reactor schedules on another thread ({@code publishOn},
 * {@code subscribeOn}, {@code boundedElastic}, timers), as {@link TaskContext} does for
 * executors: a Reactor schedule hook captures what is current when the work is scheduled
 * and restores it, and only it, while the work runs. Work scheduled outside any context
 * is passed through untouched, so the hook costs nothing there. Under Boot's
 * {@code limited} Reactor context propagation this is what makes the request's context
 * reach other schedulers without restoring it at every operator.
 * <p>
 * The hook is global to the JVM: it is installed while at least one application context
 * holds an instance, and removed when the last one closes.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ReactorSchedulerContext implements InitializingBean, DisposableBean {

	/**
	 * Key of the schedule hook.
	 */
	public static final String HOOK_KEY = ReactorSchedulerContext.class.getName();

	private static final Object lock = new Object();

	private static int holders;

	@Override
	public void afterPropertiesSet() {
		synchronized (lock) {
			if (holders++ == 0) {
				Schedulers.onScheduleHook(HOOK_KEY, ReactorSchedulerContext::decorate);
			}
		}
	}

	@Override
	public void destroy() {
		synchronized (lock) {
			if (--holders == 0) {
				Schedulers.resetOnScheduleHook(HOOK_KEY);
			}
		}
	}

	static Runnable decorate(Runnable task) {
		if (ObservationThreadLocalAccessor.getInstance().getValue() == null && Context.current() == Context.root()) {
			return task;
		}
		return TaskContext.wrap(task);
	}

}
