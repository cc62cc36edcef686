package io.github.correlation.requestid;

import org.jspecify.annotations.Nullable;

/**
 * Which inbound request ids are accepted. A request id travels into log lines and
 * response headers, so only a bounded run of characters that are safe in both is
 * accepted: letters, digits and {@code - _ . : / + = @}. Anything else (CR/LF, quotes,
 * spaces, non-ASCII, oversize) is rejected whole, never trimmed into shape.
 *
 * @param maxLength the maximum accepted length
 * @author Correlation contributors
 * @since 0.1.0
 */
public record RequestIdPolicy(int maxLength) {

	/**
	 * Default maximum length: room for a UUID, AWS {@code X-Amzn-Trace-Id} values and
	 * most load-balancer ids.
	 */
	public static final int DEFAULT_MAX_LENGTH = 128;

	/**
	 * Smallest allowed maximum length: a generated UUID must always be acceptable.
	 */
	public static final int MIN_MAX_LENGTH = 36;

	/**
	 * Largest allowed maximum length.
	 */
	public static final int MAX_MAX_LENGTH = 1024;

	/**
	 * Create a policy.
	 * @param maxLength the maximum accepted length, from {@value #MIN_MAX_LENGTH} to
	 * {@value #MAX_MAX_LENGTH}
	 */
	public RequestIdPolicy {
		requireValidMaxLength(maxLength, "maxLength");
	}

	/**
	 * Check a maximum length against the allowed range, the one rule for it.
	 * @param maxLength the maximum length
	 * @param name what the value is called where it was set, for the message
	 * @throws IllegalArgumentException when it is out of range
	 */
	public static void requireValidMaxLength(int maxLength, String name) {
		if (maxLength < MIN_MAX_LENGTH || maxLength > MAX_MAX_LENGTH) {
			throw new IllegalArgumentException(
					name + " must be between " + MIN_MAX_LENGTH + " and " + MAX_MAX_LENGTH + ", not " + maxLength);
		}
	}

	/**
	 * Return whether the given value is an acceptable request id.
	 * @param value the candidate, may be {@code null}
	 * @return whether it is acceptable
	 */
	public boolean isValid(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > this.maxLength) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			if (!isSafe(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isSafe(char ch) {
		return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-'
				|| ch == '_' || ch == '.' || ch == ':' || ch == '/' || ch == '+' || ch == '=' || ch == '@';
	}

}
