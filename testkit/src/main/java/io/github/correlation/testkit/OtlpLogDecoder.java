package io.github.correlation.testkit;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

/**
 * Decodes OTLP/HTTP protobuf log export requests into {@link ReceivedLogRecord}s.
 *
 * @author Correlation contributors
 */
final class OtlpLogDecoder {

	private static final HexFormat HEX = HexFormat.of();

	private OtlpLogDecoder() {
	}

	/**
	 * Decode a protobuf-encoded export request.
	 * @param protobuf the uncompressed request body
	 * @return the log records of the request, in request order
	 * @throws OtlpTraceDecoder.MalformedRequestException if the body is not a valid
	 * request
	 */
	static List<ReceivedLogRecord> decode(byte[] protobuf) throws OtlpTraceDecoder.MalformedRequestException {
		ExportLogsServiceRequest request;
		try {
			request = ExportLogsServiceRequest.parseFrom(protobuf);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new OtlpTraceDecoder.MalformedRequestException(
					"Body is not a protobuf ExportLogsServiceRequest: " + ex.getMessage());
		}
		List<ReceivedLogRecord> records = new ArrayList<>();
		for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
			String serviceName = OtlpTraceDecoder.serviceName(resourceLogs.getResource());
			for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
				for (LogRecord record : scopeLogs.getLogRecordsList()) {
					records.add(decode(record, serviceName));
				}
			}
		}
		return records;
	}

	private static ReceivedLogRecord decode(LogRecord record, String serviceName)
			throws OtlpTraceDecoder.MalformedRequestException {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (KeyValue attribute : record.getAttributesList()) {
			attributes.put(attribute.getKey(), OtlpTraceDecoder.render(attribute.getValue()));
		}
		return new ReceivedLogRecord(serviceName, OtlpTraceDecoder.render(record.getBody()), record.getSeverityText(),
				record.getSeverityNumberValue(), id(record.getTraceId(), 16, "trace id"),
				id(record.getSpanId(), 8, "span id"), attributes);
	}

	private static String id(ByteString bytes, int length, String description)
			throws OtlpTraceDecoder.MalformedRequestException {
		if (bytes.isEmpty()) {
			return "";
		}
		if (bytes.size() != length) {
			throw new OtlpTraceDecoder.MalformedRequestException(
					"A log record has a " + description + " of " + bytes.size() + " bytes instead of " + length);
		}
		return HEX.formatHex(bytes.toByteArray());
	}

}
