package io.github.correlation.propagation;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * Decorates a {@link TextMapPropagator} with the W3C Trace Context and Baggage rules that
 * OpenTelemetry's own propagators leave out: several {@code tracestate} headers are one
 * list, a duplicated {@code traceparent} starts a new trace, the {@code tracestate} key,
 * value, member and duplicate rules are enforced, {@code baggage} is bounded by whole
 * members, and a malformed carrier can never make extraction fail.
 * <p>
 * The delegate still does all the parsing and encoding; this class only decides what it
 * sees.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class W3cConformingPropagator implements TextMapPropagator {

	private final TextMapPropagator delegate;

	/**
	 * Create a new instance.
	 * @param delegate the propagator to decorate
	 */
	public W3cConformingPropagator(TextMapPropagator delegate) {
		this.delegate = delegate;
	}

	/**
	 * Return the decorated propagator.
	 * @return the delegate
	 */
	public TextMapPropagator getDelegate() {
		return this.delegate;
	}

	@Override
	public Collection<String> fields() {
		return this.delegate.fields();
	}

	@Override
	public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
		if (context == null || setter == null) {
			return;
		}
		this.delegate.inject(context, carrier, (target, key, value) -> {
			if (value != null) {
				setter.set(target, key, bound(key, value));
			}
		});
	}

	private static String bound(String key, String value) {
		if (TraceStateHeader.NAME.equalsIgnoreCase(key)) {
			return TraceStateHeader.truncate(value);
		}
		return BaggageHeader.NAME.equalsIgnoreCase(key) ? BaggageHeader.limit(value) : value;
	}

	@Override
	public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
		if (context == null) {
			return Context.root();
		}
		if (getter == null) {
			return context;
		}
		try {
			return this.delegate.extract(context, carrier, new NormalizingGetter<>(getter));
		}
		catch (RuntimeException ex) {
			return context;
		}
	}

	@Override
	public String toString() {
		return "W3cConformingPropagator{" + this.delegate + "}";
	}

	/**
	 * Shows the delegate the W3C headers as one canonical value each, or none when
	 * invalid.
	 */
	private static final class NormalizingGetter<C> implements TextMapGetter<C> {

		private final TextMapGetter<C> getter;

		private @Nullable String traceParent;

		private boolean traceParentRead;

		NormalizingGetter(TextMapGetter<C> getter) {
			this.getter = getter;
		}

		@Override
		public Iterable<String> keys(C carrier) {
			return this.getter.keys(carrier);
		}

		@Override
		public @Nullable String get(@Nullable C carrier, String key) {
			return switch (key.toLowerCase(Locale.ROOT)) {
				case TraceParentHeader.NAME -> traceParent(carrier);
				case TraceStateHeader.NAME ->
					(traceParent(carrier) != null) ? emptyToNull(TraceStateHeader.normalize(all(carrier, key))) : null;
				case BaggageHeader.NAME -> BaggageHeader.limit(all(carrier, key));
				default -> this.getter.get(carrier, key);
			};
		}

		@Override
		public Iterator<String> getAll(@Nullable C carrier, String key) {
			String lower = key.toLowerCase(Locale.ROOT);
			if (lower.equals(TraceParentHeader.NAME) || lower.equals(TraceStateHeader.NAME)
					|| lower.equals(BaggageHeader.NAME)) {
				String value = get(carrier, key);
				return (value != null) ? Collections.singleton(value).iterator() : Collections.emptyIterator();
			}
			return this.getter.getAll(carrier, key);
		}

		private @Nullable String traceParent(@Nullable C carrier) {
			if (!this.traceParentRead) {
				this.traceParent = TraceParentHeader.normalize(all(carrier, TraceParentHeader.NAME));
				this.traceParentRead = true;
			}
			return this.traceParent;
		}

		private Iterator<String> all(@Nullable C carrier, String key) {
			Iterator<String> values = this.getter.getAll(carrier, key);
			return (values != null) ? values : Collections.emptyIterator();
		}

		private static @Nullable String emptyToNull(@Nullable String value) {
			return (value == null || value.isEmpty()) ? null : value;
		}

	}

}
