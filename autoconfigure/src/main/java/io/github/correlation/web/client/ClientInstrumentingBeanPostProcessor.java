package io.github.correlation.web.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.function.SingletonSupplier;

/**
 * Brings HTTP client beans that the application built itself
 * ({@code RestClient.create()}, {@code new RestTemplate()}, {@code WebClient.create()})
 * under observation, so they send trace context, baggage and the request id like clients
 * from Boot's builders. Clients that are already observed are left untouched. Once the
 * context has started, one line reports what was instrumented and what could not be;
 * clients created inside methods are never beans and cannot be reached.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class ClientInstrumentingBeanPostProcessor implements BeanPostProcessor, SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ClientInstrumentingBeanPostProcessor.class);

	private final List<Class<?>> clientTypes;

	private final Supplier<List<ClientInstrumenter<?>>> instrumenters;

	private final Map<String, String> instrumented = Collections.synchronizedMap(new LinkedHashMap<>());

	private final Map<String, String> failed = Collections.synchronizedMap(new LinkedHashMap<>());

	private final Map<String, String> alreadyObserved = Collections.synchronizedMap(new LinkedHashMap<>());

	/**
	 * Create a new instance.
	 * @param clientTypes the client types the instrumenters handle
	 * @param instrumenters supplies the instrumenters; called once, when the first client
	 * bean is met, so that nothing they need is created early
	 */
	public ClientInstrumentingBeanPostProcessor(List<Class<?>> clientTypes,
			Supplier<List<ClientInstrumenter<?>>> instrumenters) {
		this.clientTypes = List.copyOf(clientTypes);
		this.instrumenters = SingletonSupplier.of(instrumenters);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (this.clientTypes.stream().noneMatch((type) -> type.isInstance(bean))) {
			return bean;
		}
		for (ClientInstrumenter<?> instrumenter : this.instrumenters.get()) {
			if (instrumenter.clientType().isInstance(bean)) {
				return instrument(instrumenter, bean, beanName);
			}
		}
		return bean;
	}

	private <T> Object instrument(ClientInstrumenter<T> instrumenter, Object bean, String beanName) {
		T client = instrumenter.clientType().cast(bean);
		try {
			if (instrumenter.isObserved().test(client, beanName)) {
				this.alreadyObserved.put(beanName, instrumenter.clientType().getSimpleName());
				return bean;
			}
			T observed = instrumenter.instrument().apply(client);
			this.instrumented.put(beanName, instrumenter.clientType().getSimpleName());
			return observed;
		}
		catch (RuntimeException ex) {
			this.failed.put(beanName, instrumenter.clientType().getSimpleName() + " (" + ex + ")");
			return bean;
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.instrumented.isEmpty()) {
			logger.info("Observing HTTP client beans built without Boot's builders: " + this.instrumented);
		}
		if (!this.failed.isEmpty()) {
			logger.warn("Could not observe HTTP client beans; their requests carry no trace context: " + this.failed
					+ ". Build them from the injected builder instead.");
		}
	}

	/**
	 * Return the client beans that were instrumented, by bean name.
	 * @return bean names and client types
	 */
	public Map<String, String> getInstrumented() {
		synchronized (this.instrumented) {
			return new LinkedHashMap<>(this.instrumented);
		}
	}

	/**
	 * Return the client beans that were already observed, such as those built from Boot's
	 * builders, by bean name.
	 * @return bean names and client types
	 */
	public Map<String, String> getAlreadyObserved() {
		synchronized (this.alreadyObserved) {
			return new LinkedHashMap<>(this.alreadyObserved);
		}
	}

	/**
	 * Return the client beans that could not be instrumented, by bean name.
	 * @return bean names and reasons
	 */
	public Map<String, String> getFailed() {
		synchronized (this.failed) {
			return new LinkedHashMap<>(this.failed);
		}
	}

}
