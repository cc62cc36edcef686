package io.github.correlation.audit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Starts the audit when the application is ready, and stops counting log lines when its
 * context closes. Events of other contexts (a child management context, another
 * application in the same JVM) are ignored.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class AuditReadiness implements SmartApplicationListener, ApplicationContextAware {

	private final ContextAudit audit;

	private final @Nullable UncorrelatedLogAppender logAppender;

	private @Nullable ApplicationContext context;

	/**
	 * Create a new instance.
	 * @param audit the audit to start
	 * @param logAppender the appender that counts uncorrelated log lines, or {@code null}
	 * where Logback is not the logging backend
	 */
	public AuditReadiness(ContextAudit audit, @Nullable UncorrelatedLogAppender logAppender) {
		this.audit = audit;
		this.logAppender = logAppender;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent ready && isOwn(ready.getApplicationContext())) {
			this.audit.ready();
			if (this.logAppender != null) {
				this.logAppender.attach();
			}
		}
		else if (event instanceof ContextClosedEvent closed && isOwn(closed.getApplicationContext())
				&& this.logAppender != null) {
			this.logAppender.detach();
		}
	}

	private boolean isOwn(ApplicationContext eventContext) {
		return eventContext == this.context;
	}

}
