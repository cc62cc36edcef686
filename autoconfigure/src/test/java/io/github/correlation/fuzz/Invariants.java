package io.github.correlation.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The invariants a hostile header must never break, checked against what left the
 * application: headers sent downstream, response headers and JSON log lines. The rules
 * here are written from the specifications, independently of the starter's own parsers.
 */
public final class Invariants {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

	private static final Pattern HIGHER_VERSION = Pattern
		.compile("([0-9a-e][0-9a-f]|f[0-9a-e])-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?", Pattern.DOTALL);

	// The upstream W3C suite's grammar (tracecontext/tracestate.py)
	private static final Pattern TRACESTATE_MEMBER = Pattern.compile(
			"[0-9a-z][_0-9a-z\\-*/@]{0,255}=[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");

	// W3C Baggage: token keys, baggage-octet values (percent-encoded otherwise),
	// properties
	private static final Pattern BAGGAGE_MEMBER = Pattern
		.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+=[\\x21\\x23-\\x2b\\x2d-\\x3a\\x3c-\\x5b\\x5d-\\x7e]*(;[^,]*)?");

	private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9\\-_.:/+=@]{1,128}");

	private static final Set<String> FREE_TEXT = Set.of("message", "stack_trace", "logger_name", "thread_name");

	// Shorter values (a quote, a digit) are as likely to be another request's valid input
	private static final int MIN_ECHO = 8;

	private final List<String> failures = new ArrayList<>();

	private int failureCount;

	public static boolean isValidTraceparent(String value) {
		if (TRACEPARENT.matcher(value).matches()) {
			return !value.substring(3, 35).equals("0".repeat(32)) && !value.substring(36, 52).equals("0".repeat(16));
		}
		return !value.startsWith("00") && HIGHER_VERSION.matcher(value).matches()
				&& !value.substring(3, 35).equals("0".repeat(32)) && !value.substring(36, 52).equals("0".repeat(16));
	}

	public static boolean isValidRequestId(String value) {
		return REQUEST_ID.matcher(value).matches();
	}

	/**
	 * Check the trace headers an application sent on: each one valid, and none of the
	 * rejected inputs in any header.
	 */
	public void checkPropagated(String where, Map<String, List<String>> headers, Set<String> rejected) {
		List<String> traceparents = headers.getOrDefault("traceparent", List.of());
		check(traceparents.size() == 1, where, "one traceparent", traceparents);
		traceparents.forEach((value) -> check(TRACEPARENT.matcher(value).matches(), where, "traceparent", value));
		for (String list : headers.getOrDefault("tracestate", List.of())) {
			String[] members = list.split(",");
			check(members.length <= 32, where, "at most 32 tracestate members", list);
			for (String member : members) {
				check(TRACESTATE_MEMBER.matcher(member).matches(), where, "tracestate member", member);
			}
		}
		for (String list : headers.getOrDefault("baggage", List.of())) {
			for (String member : list.split(",")) {
				check(BAGGAGE_MEMBER.matcher(member).matches(), where, "baggage member", member);
			}
		}
		headers.getOrDefault("x-request-id", List.of())
			.forEach((value) -> check(isValidRequestId(value), where, "x-request-id", value));
		checkNotEchoed(where, headers, rejected);
	}

	public void checkNotEchoed(String where, Map<String, List<String>> headers, Set<String> rejected) {
		headers.forEach((name, values) -> {
			for (String value : values) {
				for (String input : rejected) {
					check(input.length() < MIN_ECHO || !value.contains(input), where,
							"rejected input echoed in " + name, input);
				}
			}
		});
	}

	/**
	 * Check a log line: one line of valid JSON, no control characters either raw or
	 * escaped in the correlation fields, the fields well-formed, no rejected input.
	 */
	public void checkLogLine(String line, Set<String> rejected) {
		for (int i = 0; i < line.length(); i++) {
			if (line.charAt(i) < 0x20 || line.charAt(i) == 0x7f) {
				fail("log line", "raw control character " + (int) line.charAt(i), line);
				return;
			}
		}
		Map<String, Object> fields;
		try {
			fields = mapper.readValue(line, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (RuntimeException ex) {
			fail("log line", "not valid JSON: " + ex.getMessage(), line);
			return;
		}
		fields.forEach((name, value) -> {
			if (value instanceof String text && !FREE_TEXT.contains(name)) {
				check(text.chars().noneMatch((ch) -> ch < 0x20 || ch == 0x7f), "log line",
						"control character in " + name, line);
				// Baggage fields hold what other requests sent as valid baggage: only the
				// request id is where a rejected value would surface whole
				check(!name.equals("request_id") || text.length() < MIN_ECHO || !rejected.contains(text), "log line",
						"rejected input in " + name, text);
			}
		});
		check(!fields.containsKey("trace_id") || String.valueOf(fields.get("trace_id")).matches("[0-9a-f]{32}"),
				"log line", "trace_id", line);
		check(!fields.containsKey("request_id") || isValidRequestId(String.valueOf(fields.get("request_id"))),
				"log line", "request_id", line);
		check(!fields.containsKey("user_id") || String.valueOf(fields.get("user_id")).length() <= 256, "log line",
				"user_id", line);
	}

	public void check(boolean condition, String where, String rule, Object value) {
		if (!condition) {
			fail(where, rule, value);
		}
	}

	public synchronized void fail(String where, String rule, Object value) {
		this.failureCount++;
		if (this.failures.size() < 20) {
			String shown = String.valueOf(value);
			this.failures
				.add(where + ": " + rule + ": " + ((shown.length() > 300) ? shown.substring(0, 300) + "..." : shown));
		}
	}

	public synchronized int failureCount() {
		return this.failureCount;
	}

	public synchronized List<String> failures() {
		return List.copyOf(this.failures);
	}

}
