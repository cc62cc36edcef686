package io.github.correlation.autoconfigure;

import io.github.correlation.web.client.ClientInstrumentingBeanPostProcessor;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCorrelationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, RestClientAutoConfiguration.class,
				RestClientObservationAutoConfiguration.class, RestClientCorrelationAutoConfiguration.class,
				WebClientCorrelationAutoConfiguration.class));

	@Test
	void observesClientBeansBuiltByHand() {
		this.contextRunner.withBean("created", RestClient.class, RestClient::create)
			.withBean("template", RestTemplate.class, RestTemplate::new)
			.withBean("web", WebClient.class, WebClient::create)
			.run((context) -> {
				ObservationRegistry registry = context.getBean(ObservationRegistry.class);
				assertThat(ReflectionTestUtils.getField(context.getBean("created"), "observationRegistry"))
					.isSameAs(registry);
				assertThat(context.getBean(RestTemplate.class).getObservationRegistry()).isSameAs(registry);
				assertThat(ReflectionTestUtils.getField(context.getBean("web"), "observationRegistry"))
					.isSameAs(registry);
			});
	}

	@Test
	void leavesObservedClientsAlone() {
		ObservationRegistry own = ObservationRegistry.create();
		own.observationConfig().observationHandler((context) -> true);
		this.contextRunner
			.withBean("observed", RestClient.class, () -> RestClient.builder().observationRegistry(own).build())
			.run((context) -> {
				assertThat(ReflectionTestUtils.getField(context.getBean("observed"), "observationRegistry"))
					.isSameAs(own);
				assertThat(context
					.getBean("restClientInstrumentingBeanPostProcessor", ClientInstrumentingBeanPostProcessor.class)
					.getInstrumented()).isEmpty();
			});
	}

	@Test
	void leavesClientsAloneWhenDisabled() {
		this.contextRunner.withPropertyValues("correlation.client.enabled=false")
			.withBean("created", RestClient.class, RestClient::create)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ClientInstrumentingBeanPostProcessor.class);
				assertThat(ReflectionTestUtils.getField(context.getBean("created"), "observationRegistry"))
					.isSameAs(ObservationRegistry.NOOP);
			});
	}

	@Test
	void backsOffWithoutTheClientModules() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClient.class, WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ClientInstrumentingBeanPostProcessor.class));
	}

	@Test
	void reportsClientsItCannotInstrument() {
		this.contextRunner.withBean("broken", RestClient.class, BrokenRestClient::create).run((context) -> {
			ClientInstrumentingBeanPostProcessor postProcessor = context
				.getBean("restClientInstrumentingBeanPostProcessor", ClientInstrumentingBeanPostProcessor.class);
			assertThat(postProcessor.getFailed()).containsOnlyKeys("broken");
		});
	}

	static final class BrokenRestClient {

		static RestClient create() {
			RestClient delegate = RestClient.create();
			return (RestClient) java.lang.reflect.Proxy.newProxyInstance(RestClient.class.getClassLoader(),
					new Class<?>[] { RestClient.class }, (proxy, method, args) -> {
						if (method.getName().equals("mutate")) {
							throw new UnsupportedOperationException("cannot mutate");
						}
						return method.invoke(delegate, args);
					});
		}

	}

}
