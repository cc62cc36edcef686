package io.github.correlation.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile values for each trace header family from one seed: valid values,
 * valid values with one or more mutations (a character replaced, inserted or removed, a
 * case changed, a field zeroed, a delimiter moved), structured junk and plain junk, from
 * empty to past Tomcat's header size limit, with the characters an attacker would reach
 * for (quotes, braces, backslashes, ANSI escapes, control characters, Latin-1 and
 * multi-byte text).
 * <p>
 * The seed is printed by every test that uses it; rerun with
 * {@code -Dcorrelation.fuzz.seed=...} to replay a run, and
 * {@code -Dcorrelation.fuzz.tries=...} for more values per family (1,000 by default,
 * 10,000 with the build's {@code full-length} profile).
 */
public final class HostileValues {

	public static final int TRIES = Integer.getInteger("correlation.fuzz.tries", 1_000);

	public static final long SEED = Long.getLong("correlation.fuzz.seed", System.nanoTime());

	private static final String HEX = "0123456789abcdef";

	private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-*/@";

	private static final String SAFE_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:/+=@";

	private static final String[] NASTY = { "\"", "'", "\\", "{", "}", "[", "]", ",", ";", "=", "%", "%25", "%ZZ",
			"%C3", "%C3%28", "%00", "\u001b[31m", "\u001b]0;title\u0007", "\t", " ", "\u0000", "\u0001", "\u007f",
			"\u0085", "\u00e9", "\u00ff", "\u2028", "\u00c3\u0028", "${jndi:ldap://x}", "</script>", "\\u0000", "\\n",
			"-", "--", "00", "ff", "@", "@@" };

	private final Random random;

	private final boolean controlCharacters;

	/**
	 * Values for one transport.
	 * @param seed the seed
	 * @param controlCharacters whether values may hold control characters, which Tomcat
	 * refuses in a header before any application code runs (so they would only test
	 * Tomcat) but a Kafka record carries to the application
	 */
	public HostileValues(long seed, boolean controlCharacters) {
		this.random = new Random(seed);
		this.controlCharacters = controlCharacters;
	}

	public boolean chance(int percent) {
		return this.random.nextInt(100) < percent;
	}

	public int between(int min, int max) {
		return min + this.random.nextInt(max - min + 1);
	}

	public String traceparent() {
		return switch (this.random.nextInt(8)) {
			case 0, 1 -> validTraceparent();
			case 2, 3 -> mutate(validTraceparent());
			case 4 -> hex(2) + "-" + hex(32) + "-" + hex(16) + "-" + hex(2) + (chance(50) ? "-" + junk(20) : "");
			case 5 -> pick("00", "ff", "01", "cc", "0g", "00 ") + "-"
					+ pick("0".repeat(32), hex(32).toUpperCase(), hex(31), hex(33)) + "-"
					+ pick("0".repeat(16), hex(16), hex(15)) + "-" + pick("00", "01", "ff", "1");
			case 6 -> junk(between(0, 80));
			default -> chance(20) ? junk(between(7000, 9000)) : validTraceparent() + junk(between(1, 400));
		};
	}

	public String validTraceparent() {
		return "00-" + hex(32) + "-" + hex(16) + "-" + pick("00", "01", "02", "03");
	}

	public String tracestate() {
		List<String> members = new ArrayList<>();
		int count = chance(10) ? between(30, 40) : between(0, 6);
		for (int i = 0; i < count; i++) {
			String member = switch (this.random.nextInt(6)) {
				case 0, 1 -> key() + "=" + value(between(1, 20));
				case 2 -> mutate(key() + "=" + value(between(1, 20)));
				case 3 -> pick("", " ", "\t", "=", "a=", "=b", "a==b", "@a=b", "A=b", "a=b ", "a=" + "v".repeat(257),
						"z".repeat(257) + "=1", "t".repeat(241) + "@" + "v".repeat(14) + "=1");
				case 4 -> junk(between(0, 30));
				default -> key() + "=" + junk(between(0, 30));
			};
			members.add(member);
		}
		String separator = pick(",", " , ", ",\t", ",,");
		String list = String.join(separator, members);
		return chance(3) ? list + junk(between(6000, 9000)) : list;
	}

	public String baggage() {
		List<String> members = new ArrayList<>();
		int count = chance(10) ? between(60, 200) : between(0, 6);
		for (int i = 0; i < count; i++) {
			String key = chance(30) ? "user_id" : (chance(80) ? token(between(1, 12)) : junk(between(0, 10)));
			String value = switch (this.random.nextInt(5)) {
				case 0 -> token(between(0, 20));
				case 1 -> percentEncoded(junk(between(0, 30)));
				case 2 -> junk(between(0, 40));
				case 3 -> pick("%", "%2", "%ZZ", "%C3", "%C3%28", "%E2%82", "%00", "%0A", "%1B%5B31m", "a%20b");
				default -> token(between(0, 300));
			};
			String properties = chance(20) ? ";" + token(4) + (chance(50) ? "=" + junk(5) : "") : "";
			members.add(key + pick("=", " = ", "") + value + properties);
		}
		return String.join(pick(",", " , ", ",,"), members);
	}

	public String requestId() {
		return switch (this.random.nextInt(6)) {
			case 0, 1 -> safeId(between(1, 128));
			case 2 -> mutate(safeId(between(1, 128)));
			case 3 -> safeId(between(129, 1100));
			case 4 -> junk(between(0, 200));
			default -> chance(10) ? junk(between(7000, 9000)) : safeId(10) + clean(pick(NASTY)) + safeId(10);
		};
	}

	/**
	 * Bytes for a Kafka header: a value as UTF-8 or Latin-1, or arbitrary bytes, which
	 * are often invalid UTF-8.
	 * @param value the value
	 * @return the bytes
	 */
	public byte[] bytes(String value) {
		return switch (this.random.nextInt(4)) {
			case 0, 1 -> value.getBytes(StandardCharsets.UTF_8);
			case 2 -> value.getBytes(StandardCharsets.ISO_8859_1);
			default -> {
				byte[] bytes = new byte[between(0, 80)];
				this.random.nextBytes(bytes);
				yield bytes;
			}
		};
	}

	public String pick(String... choices) {
		return choices[this.random.nextInt(choices.length)];
	}

	private String mutate(String value) {
		StringBuilder mutated = new StringBuilder(value);
		int mutations = between(1, 3);
		for (int i = 0; i < mutations; i++) {
			int at = (mutated.length() == 0) ? 0 : this.random.nextInt(mutated.length());
			switch (this.random.nextInt(5)) {
				case 0 -> {
					if (mutated.length() > 0) {
						mutated.setCharAt(at, junkChar());
					}
				}
				case 1 -> mutated.insert(at, clean(pick(NASTY)));
				case 2 -> {
					if (mutated.length() > 0) {
						mutated.deleteCharAt(at);
					}
				}
				case 3 -> {
					if (mutated.length() > 0) {
						mutated.setCharAt(at, Character.toUpperCase(mutated.charAt(at)));
					}
				}
				default -> mutated.append(clean(pick(NASTY)));
			}
		}
		return mutated.toString();
	}

	private String key() {
		String first = String.valueOf(KEY_CHARS.charAt(this.random.nextInt(36)));
		StringBuilder key = new StringBuilder(first);
		int length = chance(5) ? between(200, 260) : between(0, 12);
		for (int i = 0; i < length; i++) {
			key.append(KEY_CHARS.charAt(this.random.nextInt(KEY_CHARS.length())));
		}
		return key.toString();
	}

	private String value(int length) {
		StringBuilder value = new StringBuilder();
		for (int i = 0; i < length; i++) {
			char ch = (char) between(0x21, 0x7e);
			value.append((ch == ',' || ch == '=') ? 'x' : ch);
		}
		return value.toString();
	}

	private String token(int length) {
		StringBuilder token = new StringBuilder();
		for (int i = 0; i < length; i++) {
			token.append(SAFE_ID_CHARS.charAt(this.random.nextInt(62)));
		}
		return token.toString();
	}

	private String safeId(int length) {
		StringBuilder id = new StringBuilder();
		for (int i = 0; i < length; i++) {
			id.append(SAFE_ID_CHARS.charAt(this.random.nextInt(SAFE_ID_CHARS.length())));
		}
		return id.toString();
	}

	private String hex(int length) {
		StringBuilder hex = new StringBuilder();
		for (int i = 0; i < length; i++) {
			hex.append(HEX.charAt(this.random.nextInt(16)));
		}
		return hex.toString();
	}

	private String percentEncoded(String value) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
		}
		return encoded.toString();
	}

	private String junk(int length) {
		StringBuilder junk = new StringBuilder();
		while (junk.length() < length) {
			junk.append(chance(15) ? pick(NASTY) : String.valueOf(junkChar()));
		}
		return clean(junk.toString());
	}

	private String clean(String value) {
		return this.controlCharacters ? value : value.replaceAll("[\\x00-\\x08\\x0a-\\x1f\\x7f]", "_");
	}

	private char junkChar() {
		int kind = this.random.nextInt(20);
		if (kind == 0) {
			return this.controlCharacters ? (char) between(0x01, 0x1f) : '\t';
		}
		if (kind < 3) {
			return (char) between(0x80, 0xff);
		}
		if (kind == 3 && this.controlCharacters) {
			return (char) between(0x100, 0x2fff);
		}
		return (char) between(0x20, 0x7e);
	}

}
