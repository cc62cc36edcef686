package io.github.correlation.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.correlation.testkit.OtlpReceiver;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The checkout chain, gateway -> orders -> payments, with everything it needs and no
 * Docker: a real Kafka broker (embedded KRaft, in this JVM), an OTLP/HTTP receiver that
 * collects every span and every log record, and the three services, each from its jar in
 * its own JVM.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CheckoutChain implements AutoCloseable {

	/**
	 * The topics the services use.
	 */
	public static final String[] TOPICS = { "orders.placed", "payments.captured" };

	private final OtlpReceiver receiver;

	private final @Nullable EmbeddedKafkaKraftBroker broker;

	private final List<ServiceProcess> services;

	private CheckoutChain(OtlpReceiver receiver, @Nullable EmbeddedKafkaKraftBroker broker,
			List<ServiceProcess> services) {
		this.receiver = receiver;
		this.broker = broker;
		this.services = services;
	}

	/**
	 * Start the chain with its own broker.
	 * @param root the project's root directory, where the sample modules are
	 * @param ports the services' ports
	 * @param logDirectory where the services' logs go
	 * @param forwardTo a real OTLP endpoint to forward spans to as well, or {@code null}
	 * @return the running chain, every service healthy
	 */
	public static CheckoutChain start(Path root, Ports ports, Path logDirectory, @Nullable URI forwardTo) {
		OtlpReceiver receiver = OtlpReceiver.start();
		if (forwardTo != null) {
			receiver.forwardTo(forwardTo);
		}
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, TOPICS);
		try {
			broker.afterPropertiesSet();
			List<ServiceProcess> services = startServices(root, ports, logDirectory, broker.getBrokersAsString(),
					receiver.tracesEndpoint(), receiver.logsEndpoint());
			return new CheckoutChain(receiver, broker, services);
		}
		catch (RuntimeException ex) {
			broker.destroy();
			receiver.close();
			throw ex;
		}
	}

	/**
	 * Start the three services against infrastructure that runs elsewhere (containers).
	 * @param root the project's root directory
	 * @param ports the services' ports
	 * @param logDirectory where the services' logs go
	 * @param bootstrapServers the Kafka bootstrap servers
	 * @param tracesEndpoint the OTLP/HTTP traces endpoint
	 * @param logsEndpoint the OTLP/HTTP logs endpoint, or {@code null} to export no logs
	 * @return the running services
	 */
	public static List<ServiceProcess> startServices(Path root, Ports ports, Path logDirectory, String bootstrapServers,
			String tracesEndpoint, @Nullable String logsEndpoint) {
		List<String> common = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers,
				"--management.opentelemetry.tracing.export.otlp.endpoint=" + tracesEndpoint,
				"--management.opentelemetry.tracing.export.schedule-delay=200ms"));
		if (logsEndpoint != null) {
			common.add("--management.opentelemetry.logging.export.otlp.endpoint=" + logsEndpoint);
			common.add("--management.opentelemetry.logging.export.schedule-delay=200ms");
		}
		List<ServiceProcess> services = new ArrayList<>();
		try {
			services
				.add(ServiceProcess.start("payments", jar(root, "payments"), ports.payments(), common, logDirectory));
			services.add(ServiceProcess.start("orders", jar(root, "orders"), ports.orders(),
					with(common, "--payments.base-url=http://127.0.0.1:" + ports.payments()), logDirectory));
			services.add(ServiceProcess.start("gateway", jar(root, "gateway"), ports.gateway(),
					with(common, "--orders.base-url=http://127.0.0.1:" + ports.orders()), logDirectory));
			for (ServiceProcess service : services) {
				service.awaitHealthy(Duration.ofSeconds(120));
			}
			return services;
		}
		catch (RuntimeException ex) {
			services.forEach(ServiceProcess::close);
			throw ex;
		}
	}

	private static Path jar(Path root, String service) {
		return root.resolve("sample-" + service).resolve("target").resolve("sample-" + service + ".jar");
	}

	private static List<String> with(List<String> arguments, String argument) {
		List<String> all = new ArrayList<>(arguments);
		all.add(argument);
		return all;
	}

	public OtlpReceiver receiver() {
		return this.receiver;
	}

	public List<ServiceProcess> services() {
		return this.services;
	}

	public ServiceProcess service(String name) {
		return this.services.stream()
			.filter((service) -> service.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service " + name));
	}

	public String gatewayUrl() {
		return service("gateway").baseUrl();
	}

	public @Nullable String bootstrapServers() {
		return (this.broker != null) ? this.broker.getBrokersAsString() : null;
	}

	@Override
	public void close() {
		List<ServiceProcess> reversed = new ArrayList<>(this.services);
		java.util.Collections.reverse(reversed);
		reversed.forEach(ServiceProcess::close);
		if (this.broker != null) {
			this.broker.destroy();
		}
		this.receiver.close();
	}

	/**
	 * The services' HTTP ports.
	 *
	 * @param gateway the gateway's port
	 * @param orders the orders service's port
	 * @param payments the payments service's port
	 */
	public record Ports(int gateway, int orders, int payments) {

		/**
		 * The demo's ports: 8080, 8081, 8082, or {@code GATEWAY_PORT},
		 * {@code ORDERS_PORT} and {@code PAYMENTS_PORT} from the environment.
		 * @return the ports
		 */
		public static Ports fromEnvironment() {
			return new Ports(env("GATEWAY_PORT", 8080), env("ORDERS_PORT", 8081), env("PAYMENTS_PORT", 8082));
		}

		/**
		 * Three free ports.
		 * @return the ports
		 */
		public static Ports free() {
			return new Ports(freePort(), freePort(), freePort());
		}

		private static int env(String name, int fallback) {
			String value = System.getenv(name);
			return (value != null && !value.isBlank()) ? Integer.parseInt(value.trim()) : fallback;
		}

		private static int freePort() {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
