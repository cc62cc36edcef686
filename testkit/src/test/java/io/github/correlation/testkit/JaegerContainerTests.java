package io.github.correlation.testkit;

import io.github.correlation.testkit.StubContainers.StubJaegerContainer;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The container's own settings and URLs, without Docker.
 */
class JaegerContainerTests {

	@Test
	void exposesTheOtlpQueryAndHealthCheckPorts() {
		assertThat(new JaegerContainer().getExposedPorts()).containsExactly(4317, 4318, 16686, 13133);
	}

	@Test
	void pointsItsUrlsAtTheMappedPorts() {
		JaegerContainer jaeger = new StubJaegerContainer(DockerImageName.parse(JaegerContainer.DEFAULT_IMAGE));
		assertThat(jaeger.getOtlpHttpUrl()).isEqualTo("http://jaeger.example:44318");
		assertThat(jaeger.getOtlpHttpTracesEndpoint()).isEqualTo("http://jaeger.example:44318/v1/traces");
		assertThat(jaeger.getOtlpGrpcUrl()).isEqualTo("http://jaeger.example:44317");
		assertThat(jaeger.getQueryUrl()).isEqualTo("http://jaeger.example:46686");
		assertThat(jaeger.queryClient().baseUrl()).isEqualTo("http://jaeger.example:46686");
	}

	@Test
	void refusesAnImageThatIsNotJaeger() {
		assertThatIllegalStateException().isThrownBy(() -> new JaegerContainer("redis:7"))
			.withMessageContaining("jaegertracing/jaeger");
	}

}
