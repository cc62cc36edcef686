package io.github.correlation.autoconfigure;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.github.correlation.internal.RootLoggerAppender;
import io.github.correlation.logging.events.SpanEventAppender;
import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration of log lines on spans: every line at or above
 * {@code correlation.logging.span-events.level} (WARN by default, OFF for none) becomes
 * an event of the span current where it is written, through an appender on Logback's root
 * logger.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass({ LoggerContext.class, Span.class })
@Conditional(SpanEventsCorrelationAutoConfiguration.OnSpanEventsLevel.class)
@EnableConfigurationProperties(CorrelationLoggingProperties.class)
public final class SpanEventsCorrelationAutoConfiguration {

	static final String LEVEL_PROPERTY = "correlation.logging.span-events.level";

	@Bean
	@ConditionalOnMissingBean
	SpanEventAppender correlationSpanEventAppender(CorrelationLoggingProperties properties) {
		CorrelationLoggingProperties.SpanEvents spanEvents = properties.getSpanEvents();
		return new SpanEventAppender(logbackLevel(spanEvents.getLevel()), spanEvents.toLimits());
	}

	@Bean
	RootLoggerAppender correlationSpanEventAppenderOnRootLogger(SpanEventAppender appender) {
		return new RootLoggerAppender(appender);
	}

	private static Level logbackLevel(LogLevel level) {
		return switch (level) {
			case TRACE -> Level.TRACE;
			case DEBUG -> Level.DEBUG;
			case INFO -> Level.INFO;
			case WARN -> Level.WARN;
			case ERROR, FATAL -> Level.ERROR;
			case OFF -> Level.OFF;
		};
	}

	/**
	 * Matches unless the level is {@code OFF}. A value that does not bind matches: the
	 * properties' own binding then fails the startup with a message that names it.
	 */
	static final class OnSpanEventsLevel extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String value = context.getEnvironment().getProperty(LEVEL_PROPERTY);
			return isOff(context, value) ? ConditionOutcome.noMatch(LEVEL_PROPERTY + " is OFF")
					: ConditionOutcome.match(LEVEL_PROPERTY + " is " + ((value != null) ? value : "WARN"));
		}

		private static boolean isOff(ConditionContext context, @Nullable String value) {
			if (value == null) {
				return false;
			}
			try {
				return Binder.get(context.getEnvironment())
					.bind(LEVEL_PROPERTY, LogLevel.class)
					.map((level) -> level == LogLevel.OFF)
					.orElse(false);
			}
			catch (BindException ex) {
				return false;
			}
		}

	}

}
