package io.github.correlation.samples.gateway;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Checks the bearer token of a checkout, in a span of its own. Any token that starts with
 * {@code demo} is valid.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@Component
class TokenVerifier {

	private static final String PREFIX = "Bearer ";

	private final ObservationRegistry observations;

	TokenVerifier(ObservationRegistry observations) {
		this.observations = observations;
	}

	boolean isValid(@Nullable String authorization) {
		Boolean valid = Observation.createNotStarted("auth.verify", this.observations)
			.contextualName("verify token")
			.lowCardinalityKeyValue("auth.scheme", "bearer")
			.observe(() -> authorization != null && authorization.startsWith(PREFIX)
					&& authorization.substring(PREFIX.length()).startsWith("demo"));
		return Boolean.TRUE.equals(valid);
	}

}
