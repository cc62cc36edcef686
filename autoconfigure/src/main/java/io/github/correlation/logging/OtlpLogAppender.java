package io.github.correlation.logging;

import java.util.Collection;

import ch.qos.logback.classic.LoggerContext;
import io.github.correlation.internal.RootLoggerAppender;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Sends every log line to Boot's OpenTelemetry log export: OpenTelemetry's Logback
 * appender, attached to the root logger and given Boot's {@link OpenTelemetry}, once the
 * application's beans exist. Records carry the trace and span id of the line natively and
 * the given MDC entries (the request id, baggage fields) as attributes. Where the
 * application's own Logback configuration already declares the appender, it is only given
 * Boot's {@code OpenTelemetry}, so that nothing is exported twice. The appender is
 * detached when the application context closes.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class OtlpLogAppender implements SmartInitializingSingleton, DisposableBean {

	/**
	 * Name of the appender the starter attaches.
	 */
	public static final String NAME = "CORRELATION_OTLP";

	private static final Log logger = LogFactory.getLog(OtlpLogAppender.class);

	private final OpenTelemetry openTelemetry;

	private final Collection<String> mdcAttributes;

	private @Nullable OpenTelemetryAppender attached;

	/**
	 * Create a new instance.
	 * @param openTelemetry the OpenTelemetry of Boot, with its logger provider
	 * @param mdcAttributes the MDC entries to send as attributes of each record
	 */
	public OtlpLogAppender(OpenTelemetry openTelemetry, Collection<String> mdcAttributes) {
		this.openTelemetry = openTelemetry;
		this.mdcAttributes = mdcAttributes;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (!(factory instanceof LoggerContext context)) {
			logger.warn("Log lines are not exported over OTLP: the logging system is not Logback but "
					+ factory.getClass().getName() + " (correlation.logging.otlp.enabled)");
			return;
		}
		OpenTelemetryAppender declared = declaredAppender();
		if (declared != null) {
			declared.setOpenTelemetry(this.openTelemetry);
			logger.info("Log lines are exported over OTLP by the application's own OpenTelemetry appender '"
					+ declared.getName() + "'; the starter adds none");
			return;
		}
		OpenTelemetryAppender appender = new OpenTelemetryAppender();
		appender.setContext(context);
		appender.setName(NAME);
		appender.setCaptureMdcAttributes(String.join(",", this.mdcAttributes));
		appender.setOpenTelemetry(this.openTelemetry);
		appender.start();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
		this.attached = appender;
	}

	@Override
	public void destroy() {
		OpenTelemetryAppender appender = this.attached;
		if (appender != null && appender.getContext() instanceof LoggerContext context) {
			context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
			appender.stop();
			this.attached = null;
		}
	}

	/**
	 * Return whether this instance attached an appender of its own.
	 * @return whether an appender is attached
	 */
	public boolean isAttached() {
		return this.attached != null;
	}

	private static @Nullable OpenTelemetryAppender declaredAppender() {
		return RootLoggerAppender.declared(OpenTelemetryAppender.class)
			.stream()
			.filter((appender) -> !NAME.equals(appender.getName()))
			.findFirst()
			.orElse(null);
	}

}
