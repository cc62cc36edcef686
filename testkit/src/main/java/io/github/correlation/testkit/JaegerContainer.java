package io.github.correlation.testkit;

import java.time.Duration;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A Testcontainers container running Jaeger v2 with in-memory storage: it receives OTLP
 * over gRPC and HTTP and serves the query API and UI. Annotate a field of this type with
 * Spring Boot's {@code @ServiceConnection} to point the OTLP trace exporter of the
 * application under test at it, then read the traces back with {@link #queryClient()}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see JaegerContainerConnectionDetailsFactory
 */
public class JaegerContainer extends GenericContainer<JaegerContainer> {

	/**
	 * The image used by the no-argument constructor.
	 */
	public static final String DEFAULT_IMAGE = "jaegertracing/jaeger:2.20.0";

	/**
	 * The OTLP/gRPC port inside the container.
	 */
	public static final int OTLP_GRPC_PORT = 4317;

	/**
	 * The OTLP/HTTP port inside the container.
	 */
	public static final int OTLP_HTTP_PORT = 4318;

	/**
	 * The port of the query API and UI inside the container.
	 */
	public static final int QUERY_PORT = 16686;

	/**
	 * The port of the health check inside the container.
	 */
	public static final int HEALTH_CHECK_PORT = 13133;

	private static final DockerImageName JAEGER_IMAGE = DockerImageName.parse("jaegertracing/jaeger");

	/**
	 * Create a container of the {@link #DEFAULT_IMAGE default image}.
	 */
	public JaegerContainer() {
		this(DockerImageName.parse(DEFAULT_IMAGE));
	}

	/**
	 * Create a container of the given image.
	 * @param image an image of {@code jaegertracing/jaeger}, such as
	 * {@code jaegertracing/jaeger:2.20.0}
	 */
	public JaegerContainer(String image) {
		this(DockerImageName.parse(image));
	}

	/**
	 * Create a container of the given image.
	 * @param image an image of {@code jaegertracing/jaeger}, or one declared a compatible
	 * substitute for it
	 */
	public JaegerContainer(DockerImageName image) {
		super(image);
		image.assertCompatibleWith(JAEGER_IMAGE);
		withExposedPorts(OTLP_GRPC_PORT, OTLP_HTTP_PORT, QUERY_PORT, HEALTH_CHECK_PORT);
		// The health check extension answers 200 only once every component is ready.
		waitingFor(Wait.forHttp("/status")
			.forPort(HEALTH_CHECK_PORT)
			.forStatusCode(200)
			.withStartupTimeout(Duration.ofMinutes(2)));
	}

	/**
	 * The base URL of the OTLP/HTTP receiver, suitable for
	 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}.
	 * @return {@code http://HOST:PORT}
	 */
	public String getOtlpHttpUrl() {
		return url(OTLP_HTTP_PORT);
	}

	/**
	 * The traces endpoint of the OTLP/HTTP receiver, suitable for
	 * {@code management.opentelemetry.tracing.export.otlp.endpoint}.
	 * @return {@code http://HOST:PORT/v1/traces}
	 */
	public String getOtlpHttpTracesEndpoint() {
		return getOtlpHttpUrl() + "/v1/traces";
	}

	/**
	 * The URL of the OTLP/gRPC receiver.
	 * @return {@code http://HOST:PORT}
	 */
	public String getOtlpGrpcUrl() {
		return url(OTLP_GRPC_PORT);
	}

	/**
	 * The base URL of the query API and UI.
	 * @return {@code http://HOST:PORT}
	 */
	public String getQueryUrl() {
		return url(QUERY_PORT);
	}

	/**
	 * A client of the query API of this container.
	 * @return a new client
	 */
	public JaegerQueryClient queryClient() {
		return new JaegerQueryClient(getQueryUrl());
	}

	private String url(int port) {
		return "http://" + getHost() + ":" + getMappedPort(port);
	}

}
