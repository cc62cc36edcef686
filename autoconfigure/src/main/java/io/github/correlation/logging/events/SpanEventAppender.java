package io.github.correlation.logging.events;

import java.util.Map;
import java.util.WeakHashMap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.github.correlation.internal.Printable;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

/**
 * Adds every log line at or above a level (WARN by default) to the span that is current
 * where it is written, as an event: a {@value #LOG_EVENT} event with the line's severity,
 * message, logger and thread, or, when the line carries an exception, OpenTelemetry's
 * {@value #EXCEPTION_EVENT} event with {@code exception.type}, {@code exception.message}
 * and {@code exception.stacktrace} besides. Tracing backends without a log store (Jaeger)
 * show them under the span, so a failed trace says why it failed.
 * <p>
 * Messages, names and stack traces are cleaned as the MDC's values are (control
 * characters become {@code ?}; a stack trace keeps its line breaks) and cut to the
 * {@link SpanEventLimits limits}; a span takes at most
 * {@link SpanEventLimits#maxPerSpan()} events and counts the lines beyond in
 * {@value #DROPPED_ATTRIBUTE}. The span's status is left to its observation. A line below
 * the level costs one comparison; a line without a recording span, one look at the
 * current context.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class SpanEventAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	/**
	 * Name of the appender on the root logger.
	 */
	public static final String NAME = "CORRELATION_SPAN_EVENTS";

	/**
	 * Name of the event of a log line without an exception.
	 */
	public static final String LOG_EVENT = "log";

	/**
	 * Name of the event of a log line with an exception, as OpenTelemetry names it.
	 */
	public static final String EXCEPTION_EVENT = "exception";

	/**
	 * Span attribute that counts the lines a span did not take as events.
	 */
	public static final String DROPPED_ATTRIBUTE = "log.events.dropped";

	/**
	 * The line's level: {@code WARN}, {@code ERROR}.
	 */
	public static final AttributeKey<String> LOG_SEVERITY = AttributeKey.stringKey("log.severity");

	/**
	 * The line's formatted message.
	 */
	public static final AttributeKey<String> LOG_MESSAGE = AttributeKey.stringKey("log.message");

	/**
	 * The name of the logger that wrote the line.
	 */
	public static final AttributeKey<String> LOG_LOGGER = AttributeKey.stringKey("log.logger");

	/**
	 * The thread that wrote the line.
	 */
	public static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");

	/**
	 * The exception's class name.
	 */
	public static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

	/**
	 * The exception's message.
	 */
	public static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

	/**
	 * The exception's stack trace, as Java prints it.
	 */
	public static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

	private static final AttributeKey<Long> DROPPED = AttributeKey.longKey(DROPPED_ATTRIBUTE);

	private static final int MAX_NAME_LENGTH = 256;

	private final int threshold;

	private final SpanEventLimits limits;

	// Weak keys: a span's count goes with the span, and spans without lines cost nothing.
	private final Map<Span, int[]> counts = new WeakHashMap<>();

	/**
	 * Create a new instance.
	 * @param level the lowest level that becomes an event
	 * @param limits the limits of the events
	 */
	public SpanEventAppender(Level level, SpanEventLimits limits) {
		setName(NAME);
		this.threshold = level.toInt();
		this.limits = limits;
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (event.getLevel().toInt() < this.threshold) {
			return;
		}
		Span span = Span.current();
		if (!span.isRecording()) {
			return;
		}
		int count = count(span);
		if (count > this.limits.maxPerSpan()) {
			span.setAttribute(DROPPED, (long) (count - this.limits.maxPerSpan()));
			return;
		}
		IThrowableProxy throwable = event.getThrowableProxy();
		AttributesBuilder attributes = Attributes.builder()
			.put(LOG_SEVERITY, event.getLevel().toString())
			.put(LOG_MESSAGE, Printable.of(nonNull(event.getFormattedMessage()), this.limits.maxMessageLength()))
			.put(LOG_LOGGER, Printable.of(nonNull(event.getLoggerName()), MAX_NAME_LENGTH))
			.put(THREAD_NAME, Printable.of(nonNull(event.getThreadName()), MAX_NAME_LENGTH));
		if (throwable == null) {
			span.addEvent(LOG_EVENT, attributes.build(), event.getInstant());
			return;
		}
		attributes.put(EXCEPTION_TYPE, Printable.of(nonNull(throwable.getClassName()), MAX_NAME_LENGTH));
		if (throwable.getMessage() != null) {
			attributes.put(EXCEPTION_MESSAGE, Printable.of(throwable.getMessage(), this.limits.maxMessageLength()));
		}
		int maxStackTraceLength = this.limits.maxStackTraceLength();
		attributes.put(EXCEPTION_STACKTRACE,
				Printable.lines(StackTraces.of(throwable, maxStackTraceLength), maxStackTraceLength));
		span.addEvent(EXCEPTION_EVENT, attributes.build(), event.getInstant());
	}

	private int count(Span span) {
		synchronized (this.counts) {
			return ++this.counts.computeIfAbsent(span, (key) -> new int[1])[0];
		}
	}

	private static String nonNull(@Nullable String value) {
		return (value != null) ? value : "";
	}

	/**
	 * Return the lowest level that becomes an event.
	 * @return the level
	 */
	public Level getLevel() {
		return Level.toLevel(this.threshold);
	}

	/**
	 * Return the limits of the events.
	 * @return the limits
	 */
	public SpanEventLimits getLimits() {
		return this.limits;
	}

}
