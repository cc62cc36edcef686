package io.github.correlation;

import java.util.Iterator;

import org.jspecify.annotations.Nullable;

/**
 * Reads every value of a header from a carrier whose own getter only sees one. Messaging
 * getters typically return the last value of a header, so a duplicated
 * {@code traceparent} or a split {@code tracestate} would go unnoticed; a reader for that
 * carrier type lets {@link W3cConformingPropagator} apply the W3C rules to all values.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface CarrierHeaders {

	/**
	 * Return every value of the named header, in order, or {@code null} when this reader
	 * does not handle the carrier.
	 * @param carrier the carrier
	 * @param name the header name
	 * @return the values, or {@code null}
	 */
	@Nullable Iterator<String> values(Object carrier, String name);

}
