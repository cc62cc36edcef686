package io.github.correlation.requestid;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import io.github.correlation.RequestIdGenerator;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * Carries the request id as a baggage entry of the context, so it reaches every hop the
 * context reaches (HTTP, messaging, threads) and the MDC with the rest of the baggage.
 * <p>
 * On extraction the first acceptable value wins: the request id header, then its aliases,
 * then an inbound baggage entry of the same name; when none is acceptable a new id is
 * generated, so every extracted context has exactly one valid request id. On injection
 * the entry is written as the request id header; W3C baggage carries it as well.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class RequestIdPropagator implements TextMapPropagator {

	private final String header;

	private final List<String> headers;

	private final String field;

	private final RequestIdPolicy policy;

	private final RequestIdGenerator generator;

	/**
	 * Create a new instance.
	 * @param header the header that carries the request id
	 * @param aliases other headers accepted on the way in, in order of preference
	 * @param field the baggage entry, and MDC key, that holds the request id
	 * @param policy which values are acceptable
	 * @param generator creates the id when no acceptable one arrives
	 */
	public RequestIdPropagator(String header, List<String> aliases, String field, RequestIdPolicy policy,
			RequestIdGenerator generator) {
		this.header = header;
		List<String> headers = new ArrayList<>();
		headers.add(header);
		headers.addAll(aliases);
		this.headers = Collections.unmodifiableList(headers);
		this.field = field;
		this.policy = policy;
		this.generator = generator;
	}

	@Override
	public Collection<String> fields() {
		return this.headers;
	}

	@Override
	public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
		if (context == null || setter == null) {
			return;
		}
		String requestId = Baggage.fromContext(context).getEntryValue(this.field);
		if (this.policy.isValid(requestId)) {
			setter.set(carrier, this.header, requestId);
		}
	}

	@Override
	public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
		if (context == null) {
			return Context.root();
		}
		Baggage baggage = Baggage.fromContext(context);
		String requestId = (getter != null) ? fromHeaders(carrier, getter) : null;
		if (requestId == null) {
			String inBaggage = baggage.getEntryValue(this.field);
			requestId = this.policy.isValid(inBaggage) ? inBaggage : generate();
		}
		if (requestId.equals(baggage.getEntryValue(this.field))) {
			return context;
		}
		return context.with(baggage.toBuilder().put(this.field, requestId).build());
	}

	private <C> @Nullable String fromHeaders(@Nullable C carrier, TextMapGetter<C> getter) {
		for (String name : this.headers) {
			String value = getter.get(carrier, name);
			if (this.policy.isValid(value)) {
				return value;
			}
		}
		return null;
	}

	/**
	 * Create a new request id.
	 * @return an acceptable request id
	 */
	public String generate() {
		String generated = this.generator.generate();
		return this.policy.isValid(generated) ? generated : RequestIdGenerator.randomUuid().generate();
	}

	/**
	 * Return the baggage entry that holds the request id.
	 * @return the field name
	 */
	public String getField() {
		return this.field;
	}

	/**
	 * Return the rules an inbound request id must follow.
	 * @return the policy
	 */
	public RequestIdPolicy getPolicy() {
		return this.policy;
	}

	/**
	 * Return the header that carries the request id.
	 * @return the header name
	 */
	public String getHeader() {
		return this.header;
	}

	/**
	 * Return the valid request id held by the given context.
	 * @param context the context
	 * @return the request id or {@code null}
	 */
	public @Nullable String requestId(Context context) {
		String requestId = Baggage.fromContext(context).getEntryValue(this.field);
		return this.policy.isValid(requestId) ? requestId : null;
	}

	@Override
	public String toString() {
		return "RequestIdPropagator{header=" + this.header + ", field=" + this.field + "}";
	}

}
