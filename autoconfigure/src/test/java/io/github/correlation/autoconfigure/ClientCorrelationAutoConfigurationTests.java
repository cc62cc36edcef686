package io.github.correlation.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.correlation.test.RecordingHttpServer;
import io.github.correlation.web.client.CallerContextConnector;
import io.github.correlation.web.client.ClientInstrumentingBeanPostProcessor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCorrelationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, RestClientAutoConfiguration.class,
				RestClientObservationAutoConfiguration.class, RestClientCorrelationAutoConfiguration.class,
				WebClientCorrelationAutoConfiguration.class));

	@AutoClose
	private final RecordingHttpServer server = new RecordingHttpServer();

	private final List<String> observed = new CopyOnWriteArrayList<>();

	@Test
	void observesClientBeansBuiltByHand() {
		this.contextRunner.withBean("created", RestClient.class, RestClient::create)
			.withBean("template", RestTemplate.class, RestTemplate::new)
			.withBean("web", WebClient.class, WebClient::create)
			.withBean(ObservationHandler.class, this::recordingHandler)
			.run((context) -> {
				context.getBean("created", RestClient.class)
					.get()
					.uri(this.server.url("/created"))
					.retrieve()
					.toBodilessEntity();
				context.getBean(RestTemplate.class).getForEntity(this.server.url("/template"), String.class);
				context.getBean("web", WebClient.class)
					.get()
					.uri(this.server.url("/web"))
					.retrieve()
					.toBodilessEntity()
					.block(Duration.ofSeconds(10));
				assertThat(this.observed).containsExactly("http.client.requests", "http.client.requests",
						"http.client.requests");
			});
	}

	@Test
	void leavesObservedClientsAlone() {
		ObservationRegistry own = ObservationRegistry.create();
		List<String> ownObserved = new CopyOnWriteArrayList<>();
		own.observationConfig().observationHandler(new RecordingHandler(ownObserved));
		this.contextRunner
			.withBean("observed", RestClient.class, () -> RestClient.builder().observationRegistry(own).build())
			.withBean(ObservationHandler.class, this::recordingHandler)
			.run((context) -> {
				context.getBean("observed", RestClient.class)
					.get()
					.uri(this.server.url("/observed"))
					.retrieve()
					.toBodilessEntity();
				assertThat(ownObserved).containsExactly("http.client.requests");
				assertThat(this.observed).isEmpty();
				assertThat(context
					.getBean("restClientInstrumentingBeanPostProcessor", ClientInstrumentingBeanPostProcessor.class)
					.getInstrumented()).isEmpty();
			});
	}

	@Test
	void leavesClientsAloneWhenDisabled() {
		this.contextRunner.withPropertyValues("correlation.client.enabled=false")
			.withBean("created", RestClient.class, RestClient::create)
			.withBean(ObservationHandler.class, this::recordingHandler)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ClientInstrumentingBeanPostProcessor.class);
				context.getBean("created", RestClient.class)
					.get()
					.uri(this.server.url("/created"))
					.retrieve()
					.toBodilessEntity();
				assertThat(this.server.takeRequest().uri()).isEqualTo("/created");
				assertThat(this.observed).isEmpty();
			});
	}

	@Test
	void decoratesTheConnectorOfBootsWebClientBuilderOnlyWhenEnabled() {
		this.contextRunner.withBean(ClientHttpConnector.class, ReactorClientHttpConnector::new)
			.withBean(ObservationHandler.class, this::recordingHandler)
			.run((context) -> {
				assertThat(context.getBean(ClientHttpConnector.class)).isInstanceOf(CallerContextConnector.class);
				assertThat(((CallerContextConnector) context.getBean(ClientHttpConnector.class)).getDelegate())
					.isInstanceOf(ReactorClientHttpConnector.class);
			});
		this.contextRunner.withPropertyValues("correlation.client.enabled=false")
			.withBean(ClientHttpConnector.class, ReactorClientHttpConnector::new)
			.withBean(ObservationHandler.class, this::recordingHandler)
			.run((context) -> assertThat(context.getBean(ClientHttpConnector.class))
				.isInstanceOf(ReactorClientHttpConnector.class));
	}

	private ObservationHandler<Observation.Context> recordingHandler() {
		return new RecordingHandler(this.observed);
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

	record RecordingHandler(List<String> names) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStop(Observation.Context context) {
			this.names.add(context.getName());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

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
