package io.github.correlation.w3c;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.github.correlation.CarrierHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Decorates a {@link TextMapPropagator} with the W3C Trace Context and Baggage rules that
 * OpenTelemetry's own propagators leave out: several {@code tracestate} headers are one
 * list, a duplicated {@code traceparent} starts a new trace, the {@code tracestate} key,
 * value, member and duplicate rules are enforced, {@code baggage} is bounded by whole
 * members, a malformed carrier can never make extraction fail, and only values that are
 * valid HTTP field values (visible ASCII, inner spaces) are written into a carrier.
 * <p>
 * The delegate still does all the parsing and encoding; this class only decides what it
 * sees.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class W3cConformingPropagator implements TextMapPropagator {

	private static final Log logger = LogFactory.getLog(W3cConformingPropagator.class);

	private final TextMapPropagator delegate;

	private final SingletonSupplier<List<CarrierHeaders>> carrierHeaders;

	private volatile boolean linkageFailureLogged;

	/**
	 * Create a new instance.
	 * @param delegate the propagator to decorate
	 */
	public W3cConformingPropagator(TextMapPropagator delegate) {
		this(delegate, List::of);
	}

	/**
	 * Create a new instance.
	 * @param delegate the propagator to decorate
	 * @param carrierHeaders supplies the readers for carriers whose getters see only one
	 * value of a header; called once, on first extraction, when every reader exists
	 */
	public W3cConformingPropagator(TextMapPropagator delegate, Supplier<List<CarrierHeaders>> carrierHeaders) {
		this.delegate = delegate;
		this.carrierHeaders = SingletonSupplier.of(() -> List.copyOf(carrierHeaders.get()));
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
			if (value != null && isFieldValue(value)) {
				setter.set(target, key, bound(key, value));
			}
		});
	}

	// A baggage value sent as a plain header (Boot's remote fields) is the decoded value:
	// it may hold CR, LF, non-ASCII text or surrounding whitespace from a percent-encoded
	// inbound baggage entry, which would fail the outgoing request or split its headers.
	// Only an RFC 9110 field value is written; the W3C baggage header still carries the
	// entry, percent-encoded
	private static boolean isFieldValue(String value) {
		int last = value.length() - 1;
		if (last >= 0 && (isWhitespace(value.charAt(0)) || isWhitespace(value.charAt(last)))) {
			return false;
		}
		for (int i = 0; i <= last; i++) {
			char ch = value.charAt(i);
			if ((ch < 0x20 && ch != '\t') || ch > 0x7e) {
				return false;
			}
		}
		return true;
	}

	private static boolean isWhitespace(char ch) {
		return ch == ' ' || ch == '\t';
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
			TextMapGetter<C> normalizing = new NormalizingGetter<>(getter, this.carrierHeaders.obtain());
			TraceStateSeen<C> seen = new TraceStateSeen<>(normalizing);
			return seen.keepWhole(context, this.delegate.extract(context, carrier, seen));
		}
		catch (RuntimeException ex) {
			return context;
		}
		catch (LinkageError ex) {
			// A class missing from the class path must not stop a listener container
			// or fail a request: the carrier starts a new trace; the first failure says
			// why.
			if (!this.linkageFailureLogged) {
				this.linkageFailureLogged = true;
				logger.warn("Trace context extraction failed: incoming trace context is ignored", ex);
			}
			return context;
		}
	}

	@Override
	public String toString() {
		return "W3cConformingPropagator{" + this.delegate + "}";
	}

	/**
	 * Remembers the {@code tracestate} the delegate was shown, so that the keys
	 * OpenTelemetry's trace state drops under its older key rules can be put back.
	 */
	private static final class TraceStateSeen<C> implements TextMapGetter<C> {

		private final TextMapGetter<C> getter;

		private @Nullable String traceState;

		TraceStateSeen(TextMapGetter<C> getter) {
			this.getter = getter;
		}

		@Override
		public Iterable<String> keys(C carrier) {
			return this.getter.keys(carrier);
		}

		@Override
		public @Nullable String get(@Nullable C carrier, String key) {
			String value = this.getter.get(carrier, key);
			if (value != null && TraceStateHeader.NAME.equalsIgnoreCase(key)) {
				this.traceState = value;
			}
			return value;
		}

		@Override
		public Iterator<String> getAll(@Nullable C carrier, String key) {
			return this.getter.getAll(carrier, key);
		}

		Context keepWhole(Context before, Context extracted) {
			Span span = Span.fromContextOrNull(extracted);
			if (this.traceState == null || span == null || span == Span.fromContextOrNull(before)) {
				return extracted;
			}
			SpanContext parent = span.getSpanContext();
			if (!parent.isValid() || !parent.isRemote() || parent.getTraceState().size() == members(this.traceState)) {
				return extracted;
			}
			return extracted.with(Span.wrap(SpanContext.createFromRemoteParent(parent.getTraceId(), parent.getSpanId(),
					parent.getTraceFlags(), W3cTraceState.parse(this.traceState))));
		}

		// The list is normalized: no empty members, so one more member than commas
		private static int members(String list) {
			int members = 1;
			for (int i = 0; i < list.length(); i++) {
				if (list.charAt(i) == ',') {
					members++;
				}
			}
			return members;
		}

	}

	/**
	 * Shows the delegate the W3C headers as one canonical value each, or none when
	 * invalid.
	 */
	private static final class NormalizingGetter<C> implements TextMapGetter<C> {

		private final TextMapGetter<C> getter;

		private final List<CarrierHeaders> carrierHeaders;

		private @Nullable String traceParent;

		private boolean traceParentRead;

		NormalizingGetter(TextMapGetter<C> getter, List<CarrierHeaders> carrierHeaders) {
			this.getter = getter;
			this.carrierHeaders = carrierHeaders;
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
			if (carrier != null) {
				for (CarrierHeaders headers : this.carrierHeaders) {
					Iterator<String> values = headers.values(carrier, key);
					if (values != null) {
						return values;
					}
				}
			}
			Iterator<String> values = this.getter.getAll(carrier, key);
			return (values != null) ? values : Collections.emptyIterator();
		}

		private static @Nullable String emptyToNull(@Nullable String value) {
			return (value == null || value.isEmpty()) ? null : value;
		}

	}

}
