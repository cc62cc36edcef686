package io.github.correlation.edge;

/**
 * What becomes of the trace context an untrusted client sends.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public enum UntrustedTrace {

	/**
	 * A new trace, whose root span links to the client's context.
	 */
	RESTART_WITH_LINK,

	/**
	 * A new trace, with no trace of the client's context.
	 */
	RESTART,

	/**
	 * The client's trace continues; its sampled flag and trace state do not.
	 */
	CONTINUE

}
