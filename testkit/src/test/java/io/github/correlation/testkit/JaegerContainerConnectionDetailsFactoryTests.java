package io.github.correlation.testkit;

import io.github.correlation.testkit.StubContainers.StubGenericContainer;
import io.github.correlation.testkit.StubContainers.StubJaegerContainer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Resolves {@code @ServiceConnection} fields the way Spring's test framework does for a
 * test class, with containers that need no Docker.
 */
class JaegerContainerConnectionDetailsFactoryTests {

	@Test
	void isRegisteredInSpringFactories() {
		// Some of Boot's own factories need classes that are missing here; skip those.
		FailureHandler ignoreUnloadable = FailureHandler.handleMessage((message, failure) -> {
		});
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(ConnectionDetailsFactory.class, ignoreUnloadable))
			.hasAtLeastOneElementOfType(JaegerContainerConnectionDetailsFactory.class);
	}

	@Test
	void connectsAJaegerContainerToTheOtlpExporter() {
		OtlpTracingConnectionDetails details = connectionDetails(JaegerContainerField.class);
		assertThat(details.getUrl(Transport.HTTP)).isEqualTo("http://jaeger.example:44318/v1/traces");
		assertThat(details.getUrl(Transport.GRPC)).isEqualTo("http://jaeger.example:44317/v1/traces");
		assertThat(details.getSslBundle()).isNull();
	}

	@Test
	void connectsAJaegerContainerWhateverItsImageIsCalled() {
		assertThat(connectionDetails(MirroredJaegerContainerField.class).getUrl(Transport.HTTP))
			.isEqualTo("http://jaeger.example:44318/v1/traces");
	}

	@Test
	void connectsAGenericContainerNamedAfterJaeger() {
		assertThat(connectionDetails(NamedGenericContainerField.class).getUrl(Transport.HTTP))
			.isEqualTo("http://jaeger.example:44318/v1/traces");
	}

	@Test
	void connectsAGenericContainerOfAJaegerImage() {
		assertThat(connectionDetails(AllInOneGenericContainerField.class).getUrl(Transport.GRPC))
			.isEqualTo("http://jaeger.example:44317/v1/traces");
	}

	@Test
	void leavesOtherContainersAlone() {
		assertThatIllegalStateException().isThrownBy(() -> connectionDetails(OtherGenericContainerField.class))
			.havingRootCause()
			.withMessageContaining("No ConnectionDetails found");
	}

	private static OtlpTracingConnectionDetails connectionDetails(Class<?> testClass) {
		TestContext context = new TestContextManager(testClass).getTestContext();
		try {
			return context.getApplicationContext().getBean(OtlpTracingConnectionDetails.class);
		}
		finally {
			context.markApplicationContextDirty(null);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class NoBeans {

	}

	@ContextConfiguration(classes = NoBeans.class)
	static class JaegerContainerField {

		@ServiceConnection
		static JaegerContainer jaeger = new StubJaegerContainer(DockerImageName.parse(JaegerContainer.DEFAULT_IMAGE));

	}

	@ContextConfiguration(classes = NoBeans.class)
	static class MirroredJaegerContainerField {

		@ServiceConnection
		static JaegerContainer jaeger = new StubJaegerContainer(
				DockerImageName.parse("registry.example/mirror/tracing:2")
					.asCompatibleSubstituteFor("jaegertracing/jaeger"));

	}

	@ContextConfiguration(classes = NoBeans.class)
	static class NamedGenericContainerField {

		@ServiceConnection(name = "jaegertracing/jaeger")
		static GenericContainer<?> jaeger = new StubGenericContainer("registry.example/mirror/tracing:2");

	}

	@ContextConfiguration(classes = NoBeans.class)
	static class AllInOneGenericContainerField {

		@ServiceConnection
		static GenericContainer<?> jaeger = new StubGenericContainer("jaegertracing/all-in-one:1.76.0");

	}

	@ContextConfiguration(classes = NoBeans.class)
	static class OtherGenericContainerField {

		@ServiceConnection
		static GenericContainer<?> redis = new StubGenericContainer("redis:7");

	}

}
