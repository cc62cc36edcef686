package io.github.correlation.logging.events;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpanEventAppenderTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final Logger logger = new LoggerContext().getLogger("com.example.Payments");

	private SpanEventAppender appender = start(new SpanEventAppender(Level.WARN, new SpanEventLimits(3, 24, 300)));

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void warnLineIsALogEventWithLevelMessageLoggerAndThread() {
		EventData event = single(inSpan(event(Level.WARN, "card {} declined", null, "****0002")));
		assertThat(event.getName()).isEqualTo(SpanEventAppender.LOG_EVENT);
		assertThat(event.getAttributes().get(SpanEventAppender.LOG_SEVERITY)).isEqualTo("WARN");
		assertThat(event.getAttributes().get(SpanEventAppender.LOG_MESSAGE)).isEqualTo("card ****0002 declined");
		assertThat(event.getAttributes().get(SpanEventAppender.LOG_LOGGER)).isEqualTo("com.example.Payments");
		assertThat(event.getAttributes().get(SpanEventAppender.THREAD_NAME))
			.isEqualTo(Thread.currentThread().getName());
	}

	@Test
	void linesBelowTheLevelAreNoEvents() {
		SpanData span = inSpan(event(Level.INFO, "fine", null), event(Level.DEBUG, "finer", null));
		assertThat(span.getEvents()).isEmpty();
	}

	@Test
	void theLevelIsConfigurable() {
		this.appender = start(new SpanEventAppender(Level.ERROR, SpanEventLimits.DEFAULTS));
		SpanData span = inSpan(event(Level.WARN, "warned", null), event(Level.ERROR, "failed", null));
		assertThat(span.getEvents()).extracting((event) -> event.getAttributes().get(SpanEventAppender.LOG_MESSAGE))
			.containsExactly("failed");
	}

	@Test
	void exceptionIsAnExceptionEventWithTypeMessageAndStackTrace() {
		IllegalStateException failure = new IllegalStateException("gateway said no");
		EventData event = single(inSpan(event(Level.ERROR, "payment failed", failure)));
		assertThat(event.getName()).isEqualTo(SpanEventAppender.EXCEPTION_EVENT);
		assertThat(event.getAttributes().get(SpanEventAppender.EXCEPTION_TYPE))
			.isEqualTo(IllegalStateException.class.getName());
		assertThat(event.getAttributes().get(SpanEventAppender.EXCEPTION_MESSAGE)).isEqualTo("gateway said no");
		assertThat(event.getAttributes().get(SpanEventAppender.EXCEPTION_STACKTRACE))
			.startsWith("java.lang.IllegalStateException: gateway said no\n\tat ")
			.hasSizeLessThanOrEqualTo(303);
		assertThat(event.getAttributes().get(SpanEventAppender.LOG_MESSAGE)).isEqualTo("payment failed");
	}

	@Test
	void atMostMaxPerSpanEventsTheRestCounted() {
		SpanData span = inSpan(event(Level.WARN, "1", null), event(Level.WARN, "2", null), event(Level.WARN, "3", null),
				event(Level.WARN, "4", null), event(Level.ERROR, "5", null));
		assertThat(span.getEvents()).hasSize(3);
		assertThat(span.getAttributes().get(AttributeKey.longKey(SpanEventAppender.DROPPED_ATTRIBUTE))).isEqualTo(2L);
	}

	@Test
	void eachSpanHasItsOwnLimit() {
		inSpan(event(Level.WARN, "1", null), event(Level.WARN, "2", null), event(Level.WARN, "3", null));
		SpanData second = inSpan(event(Level.WARN, "4", null));
		assertThat(second.getEvents()).hasSize(1);
		assertThat(second.getAttributes().get(AttributeKey.longKey(SpanEventAppender.DROPPED_ATTRIBUTE))).isNull();
	}

	@Test
	void messagesAreCleanedAndCut() {
		EventData event = single(inSpan(event(Level.WARN, "forged\r\n{\"level\":\"INFO\"} and more", null)));
		assertThat(event.getAttributes().get(SpanEventAppender.LOG_MESSAGE))
			.isEqualTo("forged??{\"level\":\"INFO\"}...");
	}

	@Test
	void lineWithoutASpanIsIgnored() {
		this.appender.doAppend(event(Level.WARN, "outside", null));
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	@Test
	void lineInASpanThatIsNotRecordedIsIgnored() {
		Span span = Span.wrap(Span.getInvalid().getSpanContext());
		try (Scope scope = span.makeCurrent()) {
			this.appender.doAppend(event(Level.WARN, "unsampled", null));
		}
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	private SpanData inSpan(LoggingEvent... events) {
		Span span = this.tracerProvider.get("test").spanBuilder("GET /checkout").startSpan();
		try (Scope scope = span.makeCurrent()) {
			for (LoggingEvent event : events) {
				this.appender.doAppend(event);
			}
		}
		finally {
			span.end();
		}
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		return spans.get(spans.size() - 1);
	}

	private static EventData single(SpanData span) {
		assertThat(span.getEvents()).hasSize(1);
		return span.getEvents().get(0);
	}

	private LoggingEvent event(Level level, String message, @Nullable Throwable throwable, Object... arguments) {
		return new LoggingEvent(Logger.class.getName(), this.logger, level, message, throwable, arguments);
	}

	private static SpanEventAppender start(SpanEventAppender appender) {
		appender.setContext(new LoggerContext());
		appender.start();
		return appender;
	}

}
