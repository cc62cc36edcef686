package io.github.correlation.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * A header carrier with repeated, case-insensitive header names, and the OpenTelemetry
 * getter and setter for it; the setter replaces, as HTTP clients do.
 */
public final class MultiMapCarrier {

	public static final TextMapGetter<MultiMapCarrier> GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(MultiMapCarrier carrier) {
			return carrier.headers.keySet();
		}

		@Override
		public String get(MultiMapCarrier carrier, String key) {
			List<String> values = (carrier != null) ? carrier.all(key) : List.of();
			return values.isEmpty() ? null : values.get(0);
		}

		@Override
		public Iterator<String> getAll(MultiMapCarrier carrier, String key) {
			return (carrier != null) ? carrier.all(key).iterator() : Collections.emptyIterator();
		}

	};

	public static final TextMapSetter<MultiMapCarrier> SETTER = (carrier, key, value) -> carrier.set(key, value);

	private final Map<String, List<String>> headers = new LinkedHashMap<>();

	public static MultiMapCarrier of(String... headers) {
		MultiMapCarrier carrier = new MultiMapCarrier();
		for (int i = 0; i < headers.length; i += 2) {
			carrier.add(headers[i], headers[i + 1]);
		}
		return carrier;
	}

	public MultiMapCarrier add(String name, String value) {
		this.headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>()).add(value);
		return this;
	}

	public void set(String name, String value) {
		this.headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(value)));
	}

	public List<String> all(String name) {
		return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
	}

	public String get(String name) {
		List<String> values = all(name);
		return values.isEmpty() ? null : values.get(0);
	}

	public Map<String, List<String>> headers() {
		return this.headers;
	}

}
