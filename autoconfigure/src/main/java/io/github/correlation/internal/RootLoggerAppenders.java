package io.github.correlation.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Attaches the starter's appenders to Logback's root logger, and detaches them: where the
 * logging backend is not Logback, there is nothing to attach to.
 *
 * @author Correlation contributors
 */
public final class RootLoggerAppenders {

	private RootLoggerAppenders() {
	}

	/**
	 * Start the appender and attach it to the root logger, if Logback is the logging
	 * backend.
	 * @param appender the appender
	 * @return whether it was attached
	 */
	public static boolean attach(Appender<ILoggingEvent> appender) {
		Logger root = rootLogger();
		if (root == null) {
			return false;
		}
		appender.setContext(root.getLoggerContext());
		appender.start();
		root.addAppender(appender);
		return true;
	}

	/**
	 * Detach the appender from the root logger and stop it.
	 * @param appender the appender
	 */
	public static void detach(Appender<ILoggingEvent> appender) {
		Logger root = rootLogger();
		if (root != null) {
			root.detachAppender(appender);
		}
		appender.stop();
	}

	private static @Nullable Logger rootLogger() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		return (factory instanceof LoggerContext context) ? context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) : null;
	}

}
