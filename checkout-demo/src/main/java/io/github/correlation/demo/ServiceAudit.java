package io.github.correlation.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One service's propagation audit, read from its {@code /actuator/correlation} endpoint.
 *
 * @param service the service name
 * @param contextLosses root spans that started inside an internal operation
 * @param hopsWithoutContext requests and records that arrived without a trace context
 * @param uncorrelatedLogLines application log lines written outside any trace
 * @param findings the report line of each finding
 * @author Correlation contributors
 */
record ServiceAudit(String service, long contextLosses, long hopsWithoutContext, long uncorrelatedLogLines,
		List<String> findings) {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static ServiceAudit read(ServiceProcess service) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/correlation"))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(service.name() + " answered " + response.statusCode()
						+ " on /actuator/correlation: " + response.body());
			}
			return of(service.name(), json.readTree(response.body()));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read the audit of " + service.name(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted reading the audit of " + service.name(), ex);
		}
	}

	static ServiceAudit of(String service, JsonNode report) {
		JsonNode summary = report.path("summary");
		List<String> findings = new ArrayList<>();
		report.path("contextLosses").forEach((loss) -> findings.add(loss.path("message").asString()));
		report.path("missingContext")
			.forEach((hop) -> findings.add("hop without context: " + hop.path("boundary").asString() + " "
					+ hop.path("target").asString() + " (" + hop.path("count").asLong() + ")"));
		report.path("uncorrelatedLogs")
			.forEach((logs) -> findings.add("log lines outside any trace: " + logs.path("logger").asString() + " ("
					+ logs.path("count").asLong() + ")"));
		return new ServiceAudit(service, summary.path("contextLosses").asLong(-1),
				summary.path("hopsWithoutContext").asLong(-1), summary.path("uncorrelatedLogLines").asLong(-1),
				findings);
	}

	boolean isClean() {
		return this.contextLosses == 0 && this.hopsWithoutContext == 0 && this.uncorrelatedLogLines == 0;
	}

	String line() {
		return "audit " + this.service + ": " + this.contextLosses + " context losses, " + this.hopsWithoutContext
				+ " hops without context, " + this.uncorrelatedLogLines + " uncorrelated log lines";
	}

}
