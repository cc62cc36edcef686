package io.github.correlation.w3c;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases of the public W3C Trace Context test suite (w3c/trace-context,
 * {@code test/test.py}, strict level 2), re-stated in Java. The harness sends headers to
 * a service, the service calls back, and the assertions look at the {@code traceparent}
 * and {@code tracestate} of the callbacks, exactly as the Python harness does.
 */
final class W3cTraceContextSuite {

	static final String TRACE_ID = "12345678901234567890123456789012";

	static final String PARENT = "00-" + TRACE_ID + "-1234567890123456-00";

	private static final Pattern TRACEPARENT = Pattern
		.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");

	private W3cTraceContextSuite() {
	}

	static List<Case> cases() {
		List<Case> cases = new ArrayList<>();
		cases.addAll(traceparentCases());
		cases.addAll(tracestateCases());
		cases.addAll(advancedCases());
		return cases;
	}

	private static List<Case> traceparentCases() {
		List<Case> cases = new ArrayList<>();
		cases.add(new Case("test_both_traceparent_and_tracestate_missing", (h) -> h.request()));
		cases.add(new Case("test_traceparent_included_tracestate_missing", (h) -> {
			Context context = h.request("traceparent", "00-" + TRACE_ID + "-1234567890123456-01");
			assertThat(context.traceId).isEqualTo(TRACE_ID);
			assertThat(context.parentId).isNotEqualTo("1234567890123456");
		}));
		cases.add(new Case("test_traceparent_duplicated", (h) -> {
			Context context = h.request("traceparent", "00-12345678901234567890123456789011-1234567890123456-01",
					"traceparent", "00-" + TRACE_ID + "-1234567890123456-01");
			assertThat(context.traceId).isNotIn("12345678901234567890123456789011", TRACE_ID);
		}));
		cases.add(new Case("test_traceparent_header_name", (h) -> {
			assertNewTrace(h.request("trace-parent", "00-" + TRACE_ID + "-1234567890123456-01"));
			assertNewTrace(h.request("trace.parent", "00-" + TRACE_ID + "-1234567890123456-01"));
		}));
		cases.add(new Case("test_traceparent_header_name_valid_casing", (h) -> {
			for (String name : List.of("TraceParent", "TrAcEpArEnT", "TRACEPARENT")) {
				assertThat(h.request(name, "00-" + TRACE_ID + "-1234567890123456-01").traceId).isEqualTo(TRACE_ID);
			}
		}));
		cases.add(newTraceCase("test_traceparent_version_0x00", "00-" + TRACE_ID + "-1234567890123456-01.",
				"00-" + TRACE_ID + "-1234567890123456-01-what-the-future-will-be-like"));
		cases.add(new Case("test_traceparent_version_0xcc", (h) -> {
			assertThat(h.request("traceparent", "cc-" + TRACE_ID + "-1234567890123456-01").traceId).isEqualTo(TRACE_ID);
			assertThat(h.request("traceparent",
					"cc-" + TRACE_ID + "-1234567890123456-01-what-the-future-will-be-like").traceId)
				.isEqualTo(TRACE_ID);
			assertNewTrace(
					h.request("traceparent", "cc-" + TRACE_ID + "-1234567890123456-01.what-the-future-will-be-like"));
		}));
		cases.add(newTraceCase("test_traceparent_version_0xff", "ff-" + TRACE_ID + "-1234567890123456-01"));
		cases.add(newTraceCase("test_traceparent_version_illegal_characters", ".0-" + TRACE_ID + "-1234567890123456-01",
				"0.-" + TRACE_ID + "-1234567890123456-01"));
		cases.add(newTraceCase("test_traceparent_version_too_long", "000-" + TRACE_ID + "-1234567890123456-01",
				"0000-" + TRACE_ID + "-1234567890123456-01"));
		cases.add(newTraceCase("test_traceparent_version_too_short", "0-" + TRACE_ID + "-1234567890123456-01"));
		cases.add(new Case("test_traceparent_trace_id_all_zero",
				(h) -> assertThat(
						h.request("traceparent", "00-00000000000000000000000000000000-1234567890123456-01").traceId)
					.isNotEqualTo("0".repeat(32))));
		cases.add(new Case("test_traceparent_trace_id_illegal_characters", (h) -> {
			assertThat(h.request("traceparent", "00-.2345678901234567890123456789012-1234567890123456-01").traceId)
				.isNotEqualTo(".2345678901234567890123456789012");
			assertThat(h.request("traceparent", "00-1234567890123456789012345678901.-1234567890123456-01").traceId)
				.isNotEqualTo("1234567890123456789012345678901.");
		}));
		cases.add(new Case("test_traceparent_trace_id_too_long",
				(h) -> assertThat(
						h.request("traceparent", "00-123456789012345678901234567890123-1234567890123456-01").traceId)
					.isNotIn("123456789012345678901234567890123", TRACE_ID, "23456789012345678901234567890123")));
		cases.add(new Case("test_traceparent_trace_id_too_short",
				(h) -> assertThat(
						h.request("traceparent", "00-1234567890123456789012345678901-1234567890123456-01").traceId)
					.isNotEqualTo("1234567890123456789012345678901")));
		cases.add(newTraceCase("test_traceparent_parent_id_all_zero", "00-" + TRACE_ID + "-0000000000000000-01"));
		cases.add(newTraceCase("test_traceparent_parent_id_illegal_characters",
				"00-" + TRACE_ID + "-.234567890123456-01", "00-" + TRACE_ID + "-123456789012345.-01"));
		cases.add(newTraceCase("test_traceparent_parent_id_too_long", "00-" + TRACE_ID + "-12345678901234567-01"));
		cases.add(newTraceCase("test_traceparent_parent_id_too_short", "00-" + TRACE_ID + "-123456789012345-01"));
		cases.add(newTraceCase("test_traceparent_trace_flags_illegal_characters",
				"00-" + TRACE_ID + "-1234567890123456-.0", "00-" + TRACE_ID + "-1234567890123456-0."));
		cases.add(newTraceCase("test_traceparent_trace_flags_too_long", "00-" + TRACE_ID + "-1234567890123456-001"));
		cases.add(newTraceCase("test_traceparent_trace_flags_too_short", "00-" + TRACE_ID + "-1234567890123456-1"));
		cases.add(new Case("test_traceparent_ows_handling", (h) -> {
			String valid = "00-" + TRACE_ID + "-1234567890123456-01";
			for (String value : List.of(" " + valid, "\t" + valid, valid + " ", valid + "\t", "\t " + valid + " \t")) {
				assertThat(h.request("traceparent", value).traceId).as("traceparent [%s]", value).isEqualTo(TRACE_ID);
			}
		}));
		return cases;
	}

	private static List<Case> tracestateCases() {
		List<Case> cases = new ArrayList<>();
		cases.add(new Case("test_tracestate_included_traceparent_missing",
				(h) -> assertThat(h.request("tracestate", "foo=1").tracestate.size())
					.isEqualTo(h.request("tracestate", "foo=1,bar=2").tracestate.size())));
		cases.add(new Case("test_tracestate_included_traceparent_included", (h) -> {
			Context context = h.request("traceparent", PARENT, "tracestate", "foo=1,bar=2");
			assertThat(context.traceId).isEqualTo(TRACE_ID);
			assertThat(context.tracestate).containsEntry("foo", "1").containsEntry("bar", "2");
		}));
		cases.add(new Case("test_tracestate_header_name", (h) -> {
			assertThat(h.request("traceparent", PARENT, "trace-state", "foo=1").tracestate).doesNotContainKey("foo");
			assertThat(h.request("traceparent", PARENT, "trace.state", "foo=1").tracestate).doesNotContainKey("foo");
		}));
		cases.add(new Case("test_tracestate_header_name_valid_casing", (h) -> {
			for (String name : List.of("TraceState", "TrAcEsTaTe", "TRACESTATE")) {
				assertThat(h.request("traceparent", PARENT, name, "foo=1").tracestate).containsEntry("foo", "1");
			}
		}));
		cases.add(new Case("test_tracestate_empty_header", (h) -> {
			Context empty = h.request("traceparent", PARENT, "tracestate", "");
			assertThat(empty.traceId).isEqualTo(TRACE_ID);
			Context after = h.request("traceparent", PARENT, "tracestate", "foo=1", "tracestate", "");
			assertThat(after.traceId).isEqualTo(TRACE_ID);
			assertThat(after.tracestate).containsEntry("foo", "1");
			Context before = h.request("traceparent", PARENT, "tracestate", "", "tracestate", "foo=1");
			assertThat(before.traceId).isEqualTo(TRACE_ID);
			assertThat(before.tracestate).containsEntry("foo", "1");
		}));
		cases.add(new Case("test_tracestate_multiple_headers_different_keys", (h) -> {
			Context context = h.request("traceparent", PARENT, "tracestate", "foo=1,bar=2", "tracestate",
					"rojo=1,congo=2", "tracestate", "baz=3");
			assertThat(context.traceId).isEqualTo(TRACE_ID);
			assertThat(context.tracestateString()).containsSubsequence("foo=1", "bar=2", "rojo=1", "congo=2", "baz=3");
		}));
		cases.add(new Case("test_tracestate_duplicated_keys", (h) -> {
			List<List<String>> lists = List.of(List.of("foo=1,foo=1"), List.of("foo=1,foo=2"),
					List.of("foo=1", "foo=1"), List.of("foo=1", "foo=2"));
			for (List<String> list : lists) {
				Context context = h.request(withTracestate(list));
				assertThat(context.traceId).isEqualTo(TRACE_ID);
				assertThat(context.tracestate).as("tracestate from %s", list).doesNotContainKey("foo");
			}
		}));
		cases.add(new Case("test_tracestate_all_allowed_characters", (h) -> {
			String keyWithoutVendor = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
			String keyWithVendor = keyWithoutVendor + "@a-z0-9_-*/";
			StringBuilder value = new StringBuilder();
			for (char ch = 0x20; ch <= 0x7E; ch++) {
				if (ch != ',' && ch != '=') {
					value.append(ch);
				}
			}
			for (String key : List.of(keyWithoutVendor, keyWithVendor)) {
				assertThat(h.request("traceparent", PARENT, "tracestate", key + "=" + value).tracestate)
					.containsEntry(key, value.toString());
			}
		}));
		cases.add(new Case("test_tracestate_ows_handling", (h) -> {
			for (String list : List.of("foo=1 \t , \t bar=2, \t baz=3", "foo=1\t \t,\t \tbar=2,\t \tbaz=3")) {
				assertThat(h.request("traceparent", PARENT, "tracestate", list).tracestate).containsEntry("foo", "1")
					.containsEntry("bar", "2")
					.containsEntry("baz", "3");
			}
			for (String list : List.of(" foo=1", "\tfoo=1", "foo=1 ", "foo=1\t", "\t foo=1 \t")) {
				Context context = h.request("traceparent", PARENT, "tracestate", list);
				assertThat(context.traceId).isEqualTo(TRACE_ID);
				assertThat(context.tracestate).as("tracestate [%s]", list).containsEntry("foo", "1");
			}
		}));
		cases.add(new Case("test_tracestate_key_illegal_characters", (h) -> {
			assertThat(h.request("traceparent", PARENT, "tracestate", "foo =1").tracestate).doesNotContainKey("foo ");
			assertThat(h.request("traceparent", PARENT, "tracestate", "FOO=1").tracestate).doesNotContainKey("FOO");
			assertThat(h.request("traceparent", PARENT, "tracestate", "foo.bar=1").tracestate)
				.doesNotContainKey("foo.bar");
		}));
		cases.add(dropped("test_tracestate_key_illegal_vendor_format", (c) -> !c.tracestate.containsKey("bar"),
				List.of("foo@=1,bar=2"), List.of("@foo=1,bar=2"), List.of("foo@@bar=1,bar=2"),
				List.of("foo@bar@baz=1,bar=2")));
		cases.add(new Case("test_tracestate_member_count_limit", (h) -> {
			List<String> lists = List.of(members(1, 10), members(11, 20), members(21, 30), members(31, 32));
			Context kept = h.request(withTracestate(lists));
			assertThat(kept.tracestate).containsEntry("bar01", "01").hasSize(32);
			Context dropped = h
				.request(withTracestate(List.of(members(1, 10), members(11, 20), members(21, 30), members(31, 33))));
			assertThat(dropped.tracestate).doesNotContainKey("bar01");
		}));
		cases.add(new Case("test_tracestate_key_length_limit", (h) -> {
			assertThat(h.request(withTracestate(List.of("foo=1", "z".repeat(256) + "=1"))).tracestate)
				.containsEntry("foo", "1");
			assertThat(h.request(withTracestate(List.of("foo=1", "z".repeat(257) + "=1"))).tracestate)
				.doesNotContainKey("foo");
			assertThat(h
				.request(withTracestate(List.of("foo=1", "t".repeat(241) + "@" + "v".repeat(14) + "=1"))).tracestate)
				.containsEntry("foo", "1");
			assertThat(h.request(withTracestate(List.of("foo=1", "t".repeat(242) + "@v=1"))).tracestate)
				.doesNotContainKey("foo");
			assertThat(h.request(withTracestate(List.of("foo=1", "t@" + "v".repeat(15) + "=1"))).tracestate)
				.doesNotContainKey("foo");
		}));
		cases.add(new Case("test_tracestate_value_illegal_characters", (h) -> {
			assertThat(h.request("traceparent", PARENT, "tracestate", "foo=bar=baz").tracestate)
				.doesNotContainKey("foo");
			assertThat(h.request("traceparent", PARENT, "tracestate", "foo=,bar=3").tracestate)
				.doesNotContainKeys("foo", "bar");
		}));
		return cases;
	}

	private static List<Case> advancedCases() {
		List<Case> cases = new ArrayList<>();
		cases.add(new Case("test_multiple_requests_with_valid_traceparent", (h) -> {
			List<Context> contexts = h.request(3, "traceparent", "00-" + TRACE_ID + "-1234567890123456-01");
			assertThat(set(contexts, (c) -> c.traceId)).containsExactly(TRACE_ID);
			assertThat(set(contexts, (c) -> c.parentId)).hasSize(3);
		}));
		cases.add(new Case("test_multiple_requests_without_traceparent",
				(h) -> assertThat(set(h.request(3), (c) -> c.parentId)).hasSize(3)));
		cases.add(new Case("test_multiple_requests_with_illegal_traceparent", (h) -> {
			List<Context> contexts = h.request(3, "traceparent",
					"00-00000000000000000000000000000000-1234567890123456-01");
			assertThat(set(contexts, (c) -> c.traceId)).doesNotContain("0".repeat(32));
			assertThat(set(contexts, (c) -> c.parentId)).hasSize(3);
		}));
		return cases;
	}

	private static Case newTraceCase(String name, String... traceparents) {
		return new Case(name, (h) -> {
			for (String traceparent : traceparents) {
				assertNewTrace(h.request("traceparent", traceparent));
			}
		});
	}

	@SafeVarargs
	private static Case dropped(String name, java.util.function.Predicate<Context> check, List<String>... lists) {
		return new Case(name, (h) -> {
			for (List<String> list : lists) {
				assertThat(check.test(h.request(withTracestate(list)))).as("tracestate %s dropped", list).isTrue();
			}
		});
	}

	private static void assertNewTrace(Context context) {
		assertThat(context.traceId).isNotEqualTo(TRACE_ID);
	}

	private static String[] withTracestate(List<String> lists) {
		List<String> headers = new ArrayList<>(List.of("traceparent", PARENT));
		for (String list : lists) {
			headers.add("tracestate");
			headers.add(list);
		}
		return headers.toArray(String[]::new);
	}

	private static String members(int from, int to) {
		List<String> members = new ArrayList<>();
		for (int i = from; i <= to; i++) {
			members.add(String.format("bar%02d=%02d", i, i));
		}
		return String.join(",", members);
	}

	private static <T> Set<T> set(List<Context> contexts, Function<Context, T> property) {
		Set<T> values = new HashSet<>();
		contexts.forEach((context) -> values.add(property.apply(context)));
		return values;
	}

	/**
	 * Sends the given headers to the service under test and returns, for each requested
	 * callback, the headers of that callback by lower-case name.
	 */
	@FunctionalInterface
	interface Service {

		List<Map<String, List<String>>> call(List<String[]> headers, int callbacks);

	}

	/**
	 * One named case of the suite.
	 */
	record Case(String name, CaseBody body) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	@FunctionalInterface
	interface CaseBody {

		void run(Harness harness);

	}

	/**
	 * What a case can ask: the trace context of a single callback.
	 */
	static final class Harness {

		private final Service service;

		Harness(Service service) {
			this.service = service;
		}

		Context request(String... headers) {
			return new Context(this.service.call(pairs(headers), 1).get(0));
		}

		List<Context> request(int callbacks, String... headers) {
			return this.service.call(pairs(headers), callbacks).stream().map(Context::new).toList();
		}

		private static List<String[]> pairs(String... headers) {
			List<String[]> pairs = new ArrayList<>();
			for (int i = 0; i < headers.length; i += 2) {
				pairs.add(new String[] { headers[i], headers[i + 1] });
			}
			return pairs;
		}

	}

	/**
	 * The trace context of one callback, read as the Python harness reads it.
	 */
	static final class Context {

		final String version;

		final String traceId;

		final String parentId;

		final String flags;

		final Map<String, String> tracestate;

		Context(Map<String, List<String>> headers) {
			List<String> traceparents = headers.getOrDefault("traceparent", List.of());
			assertThat(traceparents).as("traceparent headers of the callback").hasSize(1);
			var matcher = TRACEPARENT.matcher(traceparents.get(0));
			assertThat(matcher.matches()).as("traceparent %s", traceparents.get(0)).isTrue();
			this.version = matcher.group(1);
			this.traceId = matcher.group(2);
			this.parentId = matcher.group(3);
			this.flags = matcher.group(4);
			assertThat(this.traceId).isNotEqualTo("0".repeat(32));
			assertThat(this.parentId).isNotEqualTo("0".repeat(16));
			this.tracestate = parseTracestate(headers.getOrDefault("tracestate", List.of()));
		}

		String tracestateString() {
			return String.join(",",
					this.tracestate.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).toList());
		}

		private static Map<String, String> parseTracestate(List<String> values) {
			Map<String, String> state = new LinkedHashMap<>();
			Pattern member = Pattern
				.compile("^([a-z][_0-9a-z\\-*/]{0,255}|[0-9a-z][_0-9a-z\\-*/]{0,240}@[a-z][_0-9a-z\\-*/]{0,13})"
						+ "=([\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e])$");
			for (String value : values) {
				for (String part : value.split("[ \\t]*,[ \\t]*")) {
					if (!part.isEmpty()) {
						var matcher = member.matcher(part);
						assertThat(matcher.matches()).as("tracestate member %s", part).isTrue();
						state.putIfAbsent(matcher.group(1), matcher.group(2));
					}
				}
			}
			return state;
		}

	}

}
