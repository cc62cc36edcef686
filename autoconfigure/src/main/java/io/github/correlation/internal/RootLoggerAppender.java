package io.github.correlation.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * An appender of the starter on Logback's root logger, one per appender name. Several
 * application contexts in one JVM (a test suite's cached contexts, two applications)
 * share one root logger: the appender of the context that attached last is the one that
 * sees the lines, so that no line is recorded twice, and when its context closes the
 * appender it displaced takes over again if its own context is still open. As a bean it
 * is attached before the web server and the listener containers start and detached after
 * they stop, so that no request's lines are missed. Not an API.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class RootLoggerAppender implements SmartLifecycle {

	/**
	 * The phase of the bean: earlier than the web server and the listener containers.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Object monitor = new Object();

	private final Appender<ILoggingEvent> appender;

	private @Nullable Logger root;

	private @Nullable Appender<ILoggingEvent> displaced;

	/**
	 * Create a new instance.
	 * @param appender the appender, named
	 */
	public RootLoggerAppender(Appender<ILoggingEvent> appender) {
		if (appender.getName() == null) {
			throw new IllegalArgumentException("The appender must have a name");
		}
		this.appender = appender;
	}

	/**
	 * Start the appender and attach it to the root logger, if Logback is the logging
	 * backend.
	 * @return whether it was attached
	 */
	public boolean attach() {
		Logger root = rootLogger();
		if (root == null) {
			return false;
		}
		synchronized (monitor) {
			if (this.root != null) {
				return true;
			}
			this.appender.setContext(root.getLoggerContext());
			this.appender.start();
			this.displaced = root.getAppender(this.appender.getName());
			if (this.displaced != null) {
				root.detachAppender(this.displaced);
			}
			root.addAppender(this.appender);
			this.root = root;
			return true;
		}
	}

	/**
	 * Detach the appender from the root logger and stop it; give the root logger back the
	 * appender this one displaced, if that one is still running.
	 */
	public void detach() {
		synchronized (monitor) {
			Logger root = this.root;
			if (root == null) {
				return;
			}
			this.root = null;
			Appender<ILoggingEvent> displaced = this.displaced;
			this.displaced = null;
			if (root.detachAppender(this.appender) && displaced != null && displaced.isStarted()) {
				root.addAppender(displaced);
			}
			this.appender.stop();
		}
	}

	@Override
	public void start() {
		attach();
	}

	@Override
	public void stop() {
		detach();
	}

	@Override
	public boolean isRunning() {
		synchronized (monitor) {
			return this.root != null;
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Whether the appender is attached to the root logger.
	 * @return {@code true} between {@link #attach()} and {@link #detach()}
	 */
	public boolean isAttached() {
		synchronized (monitor) {
			return this.root != null && this.root.getAppender(this.appender.getName()) == this.appender;
		}
	}

	/**
	 * Return the appender.
	 * @return the appender
	 */
	public Appender<ILoggingEvent> getAppender() {
		return this.appender;
	}

	/**
	 * Return the appenders of a type on every logger of Logback's context, the root
	 * included, whoever declared them.
	 * @param <A> the appender type
	 * @param type the appender type
	 * @return the appenders, empty where Logback is not the logging backend
	 */
	public static <A> List<A> declared(Class<A> type) {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		List<A> found = new ArrayList<>();
		if (factory instanceof LoggerContext context) {
			for (Logger logger : context.getLoggerList()) {
				for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders(); appenders
					.hasNext();) {
					Appender<ILoggingEvent> appender = appenders.next();
					if (type.isInstance(appender)) {
						found.add(type.cast(appender));
					}
				}
			}
		}
		return found;
	}

	private static @Nullable Logger rootLogger() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		return (factory instanceof LoggerContext context) ? context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) : null;
	}

}
