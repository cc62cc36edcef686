package io.github.correlation.w3c;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TraceState} that holds every key the newest W3C grammar allows.
 * <p>
 * OpenTelemetry's own trace state still applies the older multi-tenant key rules and
 * silently drops keys such as {@code foo@@bar}, {@code t@} followed by 15 characters or a
 * 242-character tenant, which the public test suite expects to be inherited. Members are
 * kept in order; {@link TraceStateBuilder#put put} moves the key to the left, as the
 * specification asks of a modified key.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
final class W3cTraceState implements TraceState {

	private final Map<String, String> members;

	private W3cTraceState(Map<String, String> members) {
		this.members = members;
	}

	/**
	 * Read a list that {@link TraceStateHeader#normalize} accepted.
	 * @param list the normalized list: valid members, no repeated key
	 * @return the trace state
	 */
	static W3cTraceState parse(String list) {
		Map<String, String> members = new LinkedHashMap<>();
		for (String member : list.split(",")) {
			int equals = member.indexOf('=');
			members.put(member.substring(0, equals), member.substring(equals + 1));
		}
		return new W3cTraceState(Collections.unmodifiableMap(members));
	}

	@Override
	public @Nullable String get(String key) {
		return this.members.get(key);
	}

	@Override
	public int size() {
		return this.members.size();
	}

	@Override
	public boolean isEmpty() {
		return this.members.isEmpty();
	}

	@Override
	public void forEach(BiConsumer<String, String> consumer) {
		this.members.forEach(consumer);
	}

	@Override
	public Map<String, String> asMap() {
		return this.members;
	}

	@Override
	public TraceStateBuilder toBuilder() {
		return new Builder(this.members);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof TraceState state && this.members.equals(state.asMap());
	}

	@Override
	public int hashCode() {
		return this.members.hashCode();
	}

	@Override
	public String toString() {
		return "W3cTraceState" + this.members;
	}

	private static final class Builder implements TraceStateBuilder {

		private final List<Map.Entry<String, String>> members;

		Builder(Map<String, String> members) {
			this.members = new ArrayList<>(members.entrySet());
		}

		@Override
		public TraceStateBuilder put(String key, String value) {
			if (key != null && value != null && TraceStateHeader.isValidMember(key, value)) {
				remove(key);
				if (this.members.size() < TraceStateHeader.MAX_MEMBERS) {
					this.members.add(0, Map.entry(key, value));
				}
			}
			return this;
		}

		@Override
		public TraceStateBuilder remove(String key) {
			this.members.removeIf((member) -> member.getKey().equals(key));
			return this;
		}

		@Override
		public TraceState build() {
			Map<String, String> built = new LinkedHashMap<>();
			this.members.forEach((member) -> built.put(member.getKey(), member.getValue()));
			return new W3cTraceState(Collections.unmodifiableMap(built));
		}

	}

}
