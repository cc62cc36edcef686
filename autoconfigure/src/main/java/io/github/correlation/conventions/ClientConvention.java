package io.github.correlation.conventions;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * What the client conventions of every client API share: the observation's name and
 * everything said of one request through {@link ClientRequestAttributes}.
 *
 * @param <C> the type of the client API's observation context
 * @author Correlation contributors
 */
abstract class ClientConvention<C extends Observation.Context> implements ObservationConvention<C> {

	@Override
	public final String getName() {
		return "http.client.request.duration";
	}

	@Override
	public final String getContextualName(C context) {
		return attributes(context).spanName();
	}

	@Override
	public final KeyValues getLowCardinalityKeyValues(C context) {
		return attributes(context).lowCardinality();
	}

	@Override
	public final KeyValues getHighCardinalityKeyValues(C context) {
		return attributes(context).highCardinality();
	}

	abstract ClientRequestAttributes attributes(C context);

}
