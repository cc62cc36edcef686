package io.github.correlation.web.client;

import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.github.correlation.internal.FrameworkFields;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Brings one kind of HTTP client under observation, the way Boot's builders would have.
 *
 * @param <T> the client type
 * @param clientType the client type this instrumenter handles
 * @param isObserved tells whether a client (and its bean name) already records
 * observations, in which case it is left alone so that no request is observed (and no
 * header written) twice
 * @param instrument returns an observed client that otherwise behaves as the given one:
 * the same instance reconfigured, or a copy
 * @author Correlation contributors
 * @since 0.1.0
 */
public record ClientInstrumenter<T>(Class<T> clientType, BiPredicate<T, String> isObserved,
		UnaryOperator<T> instrument) {

	/**
	 * Instrumenter for an immutable client that is copied through its builder
	 * ({@code RestClient}, {@code WebClient}); the copy keeps everything else the client
	 * was configured with. Whether the client is observed is read from its
	 * {@code observationRegistry} field; a client without one is treated as unobserved.
	 * @param <T> the client type
	 * @param <B> the builder type
	 * @param clientType the client type
	 * @param mutate returns a builder initialised from a client
	 * @param customizer applies the observation registry and convention to a builder
	 * @param build builds the copy
	 * @return the instrumenter
	 */
	public static <T, B> ClientInstrumenter<T> rebuilding(Class<T> clientType, Function<T, B> mutate,
			Consumer<B> customizer, Function<B, T> build) {
		return new ClientInstrumenter<>(clientType, ClientInstrumenter::hasActiveRegistryField, (client) -> {
			B builder = mutate.apply(client);
			customizer.accept(builder);
			return build.apply(builder);
		});
	}

	/**
	 * Instrumenter for a mutable client that is reconfigured in place
	 * ({@code RestTemplate}).
	 * @param <T> the client type
	 * @param clientType the client type
	 * @param isObserved tells whether a client is already observed
	 * @param customizer applies the observation registry and convention to a client
	 * @return the instrumenter
	 */
	public static <T> ClientInstrumenter<T> inPlace(Class<T> clientType, Predicate<T> isObserved,
			Consumer<T> customizer) {
		return new ClientInstrumenter<>(clientType, (client, beanName) -> isObserved.test(client), (client) -> {
			customizer.accept(client);
			return client;
		});
	}

	/**
	 * Return whether the given registry records anything.
	 * @param registry the registry, may be {@code null}
	 * @return whether it is an active registry
	 */
	public static boolean isActive(@Nullable ObservationRegistry registry) {
		return registry != null && !registry.isNoop();
	}

	private static boolean hasActiveRegistryField(Object client, String beanName) {
		return isActive(FrameworkFields
			.read(client, "observationRegistry", ObservationRegistry.class, beanName,
					"It is treated as unobserved and rebuilt with the observation registry, which Boot's builder "
							+ "customizers apply once more.")
			.value());
	}

}
