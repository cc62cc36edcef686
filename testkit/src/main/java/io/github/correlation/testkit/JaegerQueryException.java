package io.github.correlation.testkit;

/**
 * Thrown by {@link JaegerQueryClient} when Jaeger cannot be reached or answers with
 * something other than what its query API documents: an unexpected status, malformed JSON
 * or JSON of an unexpected shape.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public class JaegerQueryException extends RuntimeException {

	/**
	 * Create a new {@code JaegerQueryException}.
	 * @param message what went wrong
	 */
	public JaegerQueryException(String message) {
		super(message);
	}

	/**
	 * Create a new {@code JaegerQueryException}.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public JaegerQueryException(String message, Throwable cause) {
		super(message, cause);
	}

}
