package io.github.correlation.testkit;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;

import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * Provides {@link OtlpTracingConnectionDetails} for a Jaeger container annotated with
 * {@code @ServiceConnection}, so that the application under test exports its spans to
 * that container. Accepted are any {@link JaegerContainer}, whatever its image, and any
 * other container whose connection name, given in the annotation or else taken from the
 * image, is {@code jaegertracing/jaeger} or {@code jaegertracing/all-in-one}.
 * <p>
 * Registered in {@code META-INF/spring.factories}; not meant to be used directly.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class JaegerContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, OtlpTracingConnectionDetails> {

	/**
	 * The connection names accepted for containers other than {@link JaegerContainer}.
	 */
	public static final List<String> CONNECTION_NAMES = List.of("jaegertracing/jaeger", "jaegertracing/all-in-one");

	private static final String OTLP_TRACING_AUTO_CONFIGURATION = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration";

	/**
	 * Create the factory; called by Spring Boot through {@code spring.factories}.
	 */
	public JaegerContainerConnectionDetailsFactory() {
		super(CONNECTION_NAMES, OTLP_TRACING_AUTO_CONFIGURATION);
	}

	@Override
	protected boolean sourceAccepts(ContainerConnectionSource<Container<?>> source, Class<?> requiredContainerType,
			Class<?> requiredConnectionDetailsType) {
		return source.accepts(ANY_CONNECTION_NAME, JaegerContainer.class, requiredConnectionDetailsType)
				|| super.sourceAccepts(source, requiredContainerType, requiredConnectionDetailsType);
	}

	@Override
	protected OtlpTracingConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<Container<?>> source) {
		return new JaegerContainerConnectionDetails(source);
	}

	/**
	 * The OTLP endpoints of the container, resolved when first asked for, which starts
	 * the container if needed.
	 */
	private static final class JaegerContainerConnectionDetails extends ContainerConnectionDetails<Container<?>>
			implements OtlpTracingConnectionDetails {

		private JaegerContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public String getUrl(Transport transport) {
			int port = switch (transport) {
				case HTTP -> JaegerContainer.OTLP_HTTP_PORT;
				case GRPC -> JaegerContainer.OTLP_GRPC_PORT;
			};
			String scheme = (getSslBundle() != null) ? "https" : "http";
			return scheme + "://" + getContainer().getHost() + ":" + getContainer().getMappedPort(port) + "/v1/traces";
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return super.getSslBundle();
		}

	}

}
