package io.github.correlation.autoconfigure;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.github.correlation.internal.RootLoggerAppender;
import io.github.correlation.logging.events.SpanEventAppender;
import io.github.correlation.logging.events.SpanEventLimits;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SpanEventsCorrelationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SpanEventsCorrelationAutoConfiguration.class));

	@Test
	void attachesAnAppenderOfWarnLinesWithTheDefaultLimits() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SpanEventAppender.class).hasSingleBean(RootLoggerAppender.class);
			SpanEventAppender appender = context.getBean(SpanEventAppender.class);
			assertThat(appender.getLevel()).isEqualTo(Level.WARN);
			assertThat(appender.getLimits()).isEqualTo(SpanEventLimits.DEFAULTS);
			assertThat(context.getBean(RootLoggerAppender.class).isAttached()).isTrue();
		});
	}

	@Test
	void takesTheLevelAndTheLimitsFromTheProperties() {
		this.contextRunner
			.withPropertyValues("correlation.logging.span-events.level=error",
					"correlation.logging.span-events.max-per-span=3",
					"correlation.logging.span-events.max-message-length=100",
					"correlation.logging.span-events.max-stack-trace-length=2000")
			.run((context) -> {
				SpanEventAppender appender = context.getBean(SpanEventAppender.class);
				assertThat(appender.getLevel()).isEqualTo(Level.ERROR);
				assertThat(appender.getLimits()).isEqualTo(new SpanEventLimits(3, 100, 2000));
			});
	}

	@Test
	void detachesTheAppenderWhenTheContextCloses() {
		RootLoggerAppender[] attached = new RootLoggerAppender[1];
		this.contextRunner.run((context) -> attached[0] = context.getBean(RootLoggerAppender.class));
		assertThat(attached[0].isAttached()).isFalse();
		assertThat(attached[0].getAppender().isStarted()).isFalse();
	}

	@Test
	void backsOffForAUserAppender() {
		SpanEventAppender custom = new SpanEventAppender(Level.ERROR, SpanEventLimits.DEFAULTS);
		this.contextRunner.withBean("customAppender", SpanEventAppender.class, () -> custom).run((context) -> {
			assertThat(context).hasSingleBean(SpanEventAppender.class);
			assertThat(context.getBean(SpanEventAppender.class)).isSameAs(custom);
			assertThat(context.getBean(RootLoggerAppender.class).getAppender()).isSameAs(custom);
		});
	}

	@Test
	void backsOffWithoutLogback() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(LoggerContext.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SpanEventAppender.class));
	}

	@Test
	void backsOffWithoutOpenTelemetry() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.opentelemetry.api"))
			.run((context) -> assertThat(context).doesNotHaveBean(SpanEventAppender.class));
	}

	@Test
	void isDisabledByLevelOff() {
		this.contextRunner.withPropertyValues("correlation.logging.span-events.level=off")
			.run((context) -> assertThat(context).doesNotHaveBean(SpanEventAppender.class)
				.doesNotHaveBean(RootLoggerAppender.class));
	}

	@Test
	void failsOnALevelThatIsNoLevelNamingTheProperty() {
		this.contextRunner.withPropertyValues("correlation.logging.span-events.level=loud")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("correlation.logging.span-events.level"));
	}

	@Test
	void failsOnALimitBelowOneNamingTheProperty() {
		this.contextRunner.withPropertyValues("correlation.logging.span-events.max-per-span=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("correlation.logging.span-events.max-per-span must be positive, not 0"));
	}

}
