package io.github.correlation.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class ForwardingTests {

	private final ExportTraceServiceRequest request = OtlpRequests.request("gateway",
			OtlpRequests.span("00f067aa0ba902b7", "", "root"),
			OtlpRequests.span("53995c3f42cd8ad8", "00f067aa0ba902b7", "child"));

	@Test
	void forwardsTraceRequestsUnchanged() {
		try (OtlpReceiver target = OtlpReceiver.start();
				OtlpReceiver receiver = OtlpReceiver.start().forwardTo(URI.create(target.baseUrl()))) {
			assertThat(OtlpRequests.post(receiver.tracesEndpoint(), this.request).statusCode()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10)).until(() -> target.spans().size() == 2);
			assertThat(target.spans()).isEqualTo(receiver.spans());
			assertThat(target.requestCount()).isOne();
		}
	}

	@Test
	void forwardsGzipBodiesWithTheirEncoding() {
		try (OtlpReceiver target = OtlpReceiver.start();
				OtlpReceiver receiver = OtlpReceiver.start().forwardTo(URI.create(target.baseUrl() + "/"))) {
			OtlpRequests.post(receiver.tracesEndpoint(), OtlpRequests.gzip(this.request.toByteArray()), "Content-Type",
					"application/x-protobuf", "Content-Encoding", "gzip");
			await().atMost(Duration.ofSeconds(10)).until(() -> target.spans().size() == 2);
			assertThat(target.trace(OtlpRequests.TRACE_ID).spans())
				.isEqualTo(receiver.trace(OtlpRequests.TRACE_ID).spans());
		}
	}

	@Test
	void doesNotForwardRejectedRequests() {
		try (OtlpReceiver target = OtlpReceiver.start();
				OtlpReceiver receiver = OtlpReceiver.start().forwardTo(URI.create(target.baseUrl()))) {
			OtlpRequests.post(receiver.tracesEndpoint(), "garbage".getBytes(), "Content-Type",
					"application/x-protobuf");
			OtlpRequests.post(receiver.tracesEndpoint(), this.request);
			await().atMost(Duration.ofSeconds(10)).until(() -> target.spans().size() == 2);
			assertThat(target.requestCount()).isOne();
		}
	}

	@Test
	void reportsTheFirstForwardingFailureOnceAndKeepsReceiving() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		PrintStream originalErr = System.err;
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		System.setErr(new PrintStream(err, true));
		try (OtlpReceiver receiver = OtlpReceiver.start().forwardTo(URI.create("http://127.0.0.1:" + closedPort))) {
			assertThat(OtlpRequests.post(receiver.tracesEndpoint(), this.request).statusCode()).isEqualTo(200);
			assertThat(OtlpRequests.post(receiver.tracesEndpoint(), this.request).statusCode()).isEqualTo(200);
			assertThat(receiver.spans()).hasSize(4);
			await().atMost(Duration.ofSeconds(10)).until(() -> err.toString().contains("forwarding traces"));
		}
		finally {
			System.setErr(originalErr);
		}
		assertThat(err.toString().split("forwarding traces", -1)).hasSize(2);
		assertThat(err.toString()).contains("http://127.0.0.1:" + closedPort + "/v1/traces");
	}

	@Test
	void refusesToForwardToItself() {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			assertThatIllegalArgumentException().isThrownBy(() -> receiver.forwardTo(URI.create(receiver.baseUrl())));
			assertThatIllegalArgumentException().isThrownBy(() -> receiver.forwardTo(URI.create("file:///tmp")));
		}
	}

	@Test
	void appendsTheTracesPathToTheBaseEndpoint() {
		assertThat(Forwarder.tracesEndpoint(URI.create("http://collector:4318")))
			.isEqualTo(URI.create("http://collector:4318/v1/traces"));
		assertThat(Forwarder.tracesEndpoint(URI.create("http://collector:4318/otlp/")))
			.isEqualTo(URI.create("http://collector:4318/otlp/v1/traces"));
	}

	@Test
	void readsTheTargetFromTheStandardEnvironmentVariableValue() {
		assertThat(Forwarder.target(" http://localhost:4318 ")).isEqualTo(URI.create("http://localhost:4318"));
		assertThat(Forwarder.target("  ")).isNull();
		assertThat(Forwarder.target(null)).isNull();
	}

}
