package io.github.correlation.audit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.github.correlation.internal.RootLoggerAppender;
import io.opentelemetry.api.trace.Span;

/**
 * Counts the log lines that application loggers write while no span is current, outside
 * work declared with {@link ExpectedRoot} (an entry point of its own). It is attached to
 * Logback's root logger when the application is ready, so startup costs nothing, and it
 * sees only the lines that pass the loggers' levels; a line costs a prefix check of its
 * logger name and a look at the current span.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class UncorrelatedLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	/**
	 * Name of the appender on the root logger.
	 */
	public static final String NAME = "CORRELATION_AUDIT";

	private final ContextAudit audit;

	private final CallSites callSites;

	private final RootLoggerAppender rootLogger;

	/**
	 * Create a new instance.
	 * @param audit where uncorrelated lines are counted
	 * @param callSites tells application loggers from framework ones
	 */
	public UncorrelatedLogAppender(ContextAudit audit, CallSites callSites) {
		setName(NAME);
		this.audit = audit;
		this.callSites = callSites;
		this.rootLogger = new RootLoggerAppender(this);
	}

	@Override
	protected void append(ILoggingEvent event) {
		String loggerName = event.getLoggerName();
		if (loggerName == null || this.callSites.isFramework(loggerName) || Span.current().getSpanContext().isValid()) {
			return;
		}
		this.audit.uncorrelatedLog(loggerName, event.getThreadName());
	}

	/**
	 * Attach this appender to the root logger, if Logback is the logging backend.
	 * @return whether it was attached
	 */
	public boolean attach() {
		return this.rootLogger.attach();
	}

	/**
	 * Detach this appender from the root logger.
	 */
	public void detach() {
		this.rootLogger.detach();
	}

}
