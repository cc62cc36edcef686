package io.github.correlation.internal;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RootLoggerAppenderTests {

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final List<RootLoggerAppender> attached = new ArrayList<>();

	@AfterEach
	void detachAll() {
		this.attached.forEach(RootLoggerAppender::detach);
	}

	@Test
	void attachesAndDetachesTheAppender() {
		RootLoggerAppender appender = attach(new Recording("TEST_ROOT"));
		assertThat(appender.isAttached()).isTrue();
		assertThat(appender.getAppender().isStarted()).isTrue();
		LoggerFactory.getLogger(RootLoggerAppenderTests.class).warn("seen");
		assertThat(((Recording) appender.getAppender()).messages).containsExactly("seen");
		appender.detach();
		assertThat(appender.isAttached()).isFalse();
		assertThat(appender.getAppender().isStarted()).isFalse();
		assertThat(this.root.getAppender("TEST_ROOT")).isNull();
	}

	@Test
	void theLastAttachedSeesTheLinesAndHandsBackOnDetach() {
		Recording first = new Recording("TEST_ROOT");
		Recording second = new Recording("TEST_ROOT");
		RootLoggerAppender firstOnRoot = attach(first);
		RootLoggerAppender secondOnRoot = attach(second);
		LoggerFactory.getLogger(RootLoggerAppenderTests.class).warn("one");
		assertThat(first.messages).isEmpty();
		assertThat(second.messages).containsExactly("one");
		assertThat(firstOnRoot.isAttached()).isFalse();
		secondOnRoot.detach();
		LoggerFactory.getLogger(RootLoggerAppenderTests.class).warn("two");
		assertThat(first.messages).containsExactly("two");
		assertThat(this.root.getAppender("TEST_ROOT")).isSameAs(first);
	}

	@Test
	void doesNotHandBackAnAppenderThatWasDetachedMeanwhile() {
		RootLoggerAppender firstOnRoot = attach(new Recording("TEST_ROOT"));
		RootLoggerAppender secondOnRoot = attach(new Recording("TEST_ROOT"));
		firstOnRoot.detach();
		secondOnRoot.detach();
		assertThat(this.root.getAppender("TEST_ROOT")).isNull();
	}

	@Test
	void attachingTwiceAttachesOnce() {
		Recording recording = new Recording("TEST_ROOT");
		RootLoggerAppender appender = attach(recording);
		assertThat(appender.attach()).isTrue();
		LoggerFactory.getLogger(RootLoggerAppenderTests.class).warn("once");
		assertThat(recording.messages).containsExactly("once");
	}

	@Test
	void findsTheDeclaredAppendersOfAType() {
		Recording recording = new Recording("TEST_ROOT");
		attach(recording);
		assertThat(RootLoggerAppender.declared(Recording.class)).containsExactly(recording);
	}

	@Test
	void requiresANamedAppender() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RootLoggerAppender(new Recording(null)))
			.withMessage("The appender must have a name");
	}

	private RootLoggerAppender attach(Recording recording) {
		RootLoggerAppender appender = new RootLoggerAppender(recording);
		this.attached.add(appender);
		assertThat(appender.attach()).isTrue();
		return appender;
	}

	static final class Recording extends AppenderBase<ILoggingEvent> {

		final List<String> messages = new ArrayList<>();

		Recording(String name) {
			setName(name);
		}

		@Override
		protected void append(ILoggingEvent event) {
			this.messages.add(event.getFormattedMessage());
		}

	}

}
