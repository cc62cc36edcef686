package io.github.correlation.testkit;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpReceiverTests {

	private static final String PROTOBUF = "application/x-protobuf";

	@AutoClose
	private final OtlpReceiver receiver = OtlpReceiver.start();

	@Test
	void endpointsPointAtTheLoopbackPort() {
		assertThat(this.receiver.port()).isPositive();
		assertThat(this.receiver.baseUrl()).isEqualTo("http://127.0.0.1:" + this.receiver.port());
		assertThat(this.receiver.tracesEndpoint()).isEqualTo(this.receiver.baseUrl() + "/v1/traces");
	}

	@Test
	void startsOnARequestedPort() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (OtlpReceiver fixed = OtlpReceiver.start(port)) {
			assertThat(fixed.port()).isEqualTo(port);
		}
	}

	@Test
	void decodesEverySpanFieldOfAnExportRequest() {
		Span.Builder server = OtlpRequests.span("00f067aa0ba902b7", "", "GET /orders")
			.setKind(Span.SpanKind.SPAN_KIND_SERVER)
			.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
			.addAttributes(OtlpRequests.attribute("http.route", "/orders"))
			.addAttributes(OtlpRequests.attribute("http.status_code", AnyValue.newBuilder().setIntValue(500).build()));
		Span.Builder client = OtlpRequests.span("53995c3f42cd8ad8", "00f067aa0ba902b7", "GET")
			.setKind(Span.SpanKind.SPAN_KIND_CLIENT)
			.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
			.addLinks(Span.Link.newBuilder()
				.setTraceId(OtlpRequests.bytes("ABCDEF0123456789ABCDEF0123456789"))
				.setSpanId(OtlpRequests.bytes("0123456789ABCDEF")));
		HttpResponse<byte[]> response = OtlpRequests.post(this.receiver.tracesEndpoint(),
				OtlpRequests.request("gateway", server, client));
		assertThat(response.statusCode()).isEqualTo(200);
		List<ReceivedSpan> spans = this.receiver.spans();
		assertThat(spans).hasSize(2);
		ReceivedSpan root = spans.get(0);
		assertThat(root.traceId()).isEqualTo(OtlpRequests.TRACE_ID);
		assertThat(root.spanId()).isEqualTo("00f067aa0ba902b7");
		assertThat(root.parentSpanId()).isEmpty();
		assertThat(root.isRoot()).isTrue();
		assertThat(root.name()).isEqualTo("GET /orders");
		assertThat(root.kind()).isEqualTo("SERVER");
		assertThat(root.serviceName()).isEqualTo("gateway");
		assertThat(root.statusCode()).isEqualTo("ERROR");
		assertThat(root.isError()).isTrue();
		assertThat(root.attributes()).containsExactly(Map.entry("http.route", "/orders"),
				Map.entry("http.status_code", "500"));
		assertThat(root.startEpochNanos()).isEqualTo(1_000_000_000L);
		assertThat(root.endEpochNanos()).isEqualTo(2_000_000_000L);
		assertThat(root.duration()).hasSeconds(1);
		ReceivedSpan child = spans.get(1);
		assertThat(child.parentSpanId()).isEqualTo("00f067aa0ba902b7");
		assertThat(child.isRoot()).isFalse();
		assertThat(child.kind()).isEqualTo("CLIENT");
		assertThat(child.statusCode()).isEqualTo("OK");
		assertThat(child.links())
			.containsExactly(new ReceivedSpan.Link("abcdef0123456789abcdef0123456789", "0123456789abcdef"));
		assertThat(this.receiver.traceIds()).containsExactly(OtlpRequests.TRACE_ID);
		assertThat(this.receiver.trace(OtlpRequests.TRACE_ID.toUpperCase()).spans()).hasSize(2);
		assertThat(this.receiver.requestCount()).isEqualTo(1);
	}

	@Test
	void answersWithAnEmptyProtobufExportResponse() throws Exception {
		HttpResponse<byte[]> response = OtlpRequests.post(this.receiver.tracesEndpoint(),
				OtlpRequests.request("gateway", OtlpRequests.span("00f067aa0ba902b7", "", "root")));
		assertThat(response.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
		assertThat(ExportTraceServiceResponse.parseFrom(response.body()))
			.isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
	}

	@Test
	void namesTheServiceUnknownWhenTheResourceHasNoServiceName() {
		ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.addScopeSpans(ScopeSpans.newBuilder().addSpans(OtlpRequests.span("00f067aa0ba902b7", "", "root"))))
			.build();
		OtlpRequests.post(this.receiver.tracesEndpoint(), request);
		assertThat(this.receiver.spans()).extracting(ReceivedSpan::serviceName).containsExactly("unknown");
	}

	@Test
	void acceptsAGzipCompressedBody() {
		byte[] body = OtlpRequests
			.gzip(OtlpRequests.request("gateway", OtlpRequests.span("00f067aa0ba902b7", "", "root")).toByteArray());
		HttpResponse<byte[]> response = OtlpRequests.post(this.receiver.tracesEndpoint(), body, "Content-Type",
				PROTOBUF, "Content-Encoding", "gzip");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.receiver.spans()).extracting(ReceivedSpan::name).containsExactly("root");
	}

	@Test
	void rejectsAMalformedBodyAndStoresNothing() {
		HttpResponse<byte[]> response = OtlpRequests.post(this.receiver.tracesEndpoint(),
				"this is not protobuf".getBytes(), "Content-Type", PROTOBUF);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.receiver.spans()).isEmpty();
		assertThat(this.receiver.requestCount()).isEqualTo(1);
	}

	@Test
	void rejectsARequestWithABadIdAndStoresNoneOfItsSpans() {
		Span.Builder good = OtlpRequests.span("00f067aa0ba902b7", "", "good");
		Span.Builder bad = OtlpRequests.span("53995c3f42cd8ad8", "", "bad").setTraceId(OtlpRequests.bytes("abcdef"));
		HttpResponse<byte[]> response = OtlpRequests.post(this.receiver.tracesEndpoint(),
				OtlpRequests.request("gateway", good, bad));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(new String(response.body())).contains("trace id of 3 bytes");
		assertThat(this.receiver.spans()).isEmpty();
	}

	@Test
	void rejectsAGzipHeaderOnAnUncompressedBody() {
		HttpResponse<byte[]> response = OtlpRequests.post(this.receiver.tracesEndpoint(),
				OtlpRequests.request("gateway", OtlpRequests.span("00f067aa0ba902b7", "", "root")).toByteArray(),
				"Content-Type", PROTOBUF, "Content-Encoding", "gzip");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.receiver.spans()).isEmpty();
	}

	@Test
	void rejectsJsonAsUnsupported() {
		HttpResponse<byte[]> response = OtlpRequests.post(this.receiver.tracesEndpoint(), "{}".getBytes(),
				"Content-Type", "application/json");
		assertThat(response.statusCode()).isEqualTo(415);
	}

	@Test
	void acknowledgesAndIgnoresMetrics() {
		assertThat(OtlpRequests.post(this.receiver.baseUrl() + "/v1/metrics", new byte[] { 1, 2, 3 }).statusCode())
			.isEqualTo(200);
		assertThat(this.receiver.spans()).isEmpty();
		assertThat(this.receiver.requestCount()).isZero();
	}

	@Test
	void decodesLogRecords() {
		LogRecord record = LogRecord.newBuilder()
			.setBody(AnyValue.newBuilder().setStringValue("greeting"))
			.setSeverityText("INFO")
			.setSeverityNumberValue(9)
			.setTraceId(ByteString.fromHex("0af7651916cd43dd8448eb211c80319c"))
			.setSpanId(ByteString.fromHex("b7ad6b7169203331"))
			.addAttributes(
					KeyValue.newBuilder().setKey("request_id").setValue(AnyValue.newBuilder().setStringValue("rid-1")))
			.build();
		ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
			.addResourceLogs(ResourceLogs.newBuilder()
				.setResource(Resource.newBuilder()
					.addAttributes(KeyValue.newBuilder()
						.setKey("service.name")
						.setValue(AnyValue.newBuilder().setStringValue("orders"))))
				.addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record)))
			.build();
		assertThat(OtlpRequests.post(this.receiver.logsEndpoint(), request.toByteArray()).statusCode()).isEqualTo(200);
		assertThat(this.receiver.logRecords()).containsExactly(new ReceivedLogRecord("orders", "greeting", "INFO", 9,
				"0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", Map.of("request_id", "rid-1")));
		assertThat(this.receiver.logRecords("0AF7651916CD43DD8448EB211C80319C")).hasSize(1);
		assertThat(this.receiver.logRecords("5b8efff798038103d269b633813fc60c")).isEmpty();
		assertThat(OtlpRequests.post(this.receiver.logsEndpoint(), new byte[] { 1, 2, 3 }).statusCode()).isEqualTo(400);
		this.receiver.clear();
		assertThat(this.receiver.logRecords()).isEmpty();
	}

	@Test
	void answersNotFoundOnAnyOtherPath() {
		assertThat(OtlpRequests.post(this.receiver.baseUrl() + "/v1/profiles", new byte[0]).statusCode())
			.isEqualTo(404);
		assertThat(OtlpRequests.get(this.receiver.baseUrl() + "/").statusCode()).isEqualTo(404);
	}

	@Test
	void answersMethodNotAllowedForAGetOnTheTracesEndpoint() {
		HttpResponse<byte[]> response = OtlpRequests.get(this.receiver.tracesEndpoint());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("POST");
	}

	@Test
	void clearForgetsSpansAndRequests() {
		OtlpRequests.post(this.receiver.tracesEndpoint(),
				OtlpRequests.request("gateway", OtlpRequests.span("00f067aa0ba902b7", "", "root")));
		this.receiver.clear();
		assertThat(this.receiver.spans()).isEmpty();
		assertThat(this.receiver.traceIds()).isEmpty();
		assertThat(this.receiver.trace(OtlpRequests.TRACE_ID).isEmpty()).isTrue();
		assertThat(this.receiver.requestCount()).isZero();
	}

	@Test
	void keepsSpansInArrivalOrderAcrossRequests() {
		OtlpRequests.post(this.receiver.tracesEndpoint(),
				OtlpRequests.request("orders", OtlpRequests.span("53995c3f42cd8ad8", "00f067aa0ba902b7", "child")));
		OtlpRequests.post(this.receiver.tracesEndpoint(),
				OtlpRequests.request("gateway", OtlpRequests.span("00f067aa0ba902b7", "", "root")));
		assertThat(this.receiver.spans()).extracting(ReceivedSpan::name).containsExactly("child", "root");
		assertThat(this.receiver.trace(OtlpRequests.TRACE_ID).services()).containsExactly("gateway", "orders");
	}

}
