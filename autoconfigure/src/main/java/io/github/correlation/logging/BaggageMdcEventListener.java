package io.github.correlation.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.BiConsumer;

import io.micrometer.tracing.otel.bridge.Slf4JBaggageEventListener;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

/**
 * Writes the named baggage entries of the current context to the MDC, each under its own
 * name. Baggage arrives from other services, so a value is only written when it is short
 * and free of control characters; anything else would let a caller forge log lines.
 * <p>
 * It extends {@link Slf4JBaggageEventListener} so that Boot's own listener backs off.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class BaggageMdcEventListener extends Slf4JBaggageEventListener {

	/**
	 * Longest baggage value written to the MDC.
	 */
	public static final int MAX_VALUE_LENGTH = 256;

	private final List<String> fields;

	private final BiConsumer<@Nullable Span, @Nullable Baggage> onCurrent = (span, baggage) -> write(baggage);

	private final Runnable onClosed = this::clear;

	/**
	 * Create a new instance.
	 * @param fields the baggage entries to write, by name
	 */
	public BaggageMdcEventListener(Collection<String> fields) {
		this(new ArrayList<>(new LinkedHashSet<>(fields)));
	}

	private BaggageMdcEventListener(List<String> fields) {
		super(fields);
		this.fields = List.copyOf(fields);
	}

	@Override
	public void onEvent(Object event) {
		ScopeEvents.dispatch(event, this.onCurrent, this.onClosed);
	}

	private void write(@Nullable Baggage baggage) {
		for (String field : this.fields) {
			String value = (baggage != null) ? baggage.getEntryValue(field) : null;
			if (isLoggable(value)) {
				MdcEntries.put(field, value);
			}
			else {
				MdcEntries.remove(field);
			}
		}
	}

	private void clear() {
		this.fields.forEach(MdcEntries::remove);
	}

	private static boolean isLoggable(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the baggage entries this listener writes.
	 * @return the field names
	 */
	public List<String> getFields() {
		return this.fields;
	}

}
