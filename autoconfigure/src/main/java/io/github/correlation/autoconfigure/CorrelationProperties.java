package io.github.correlation.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.correlation.edge.ExternalPropagation;
import io.github.correlation.edge.TrustedNetworks;
import io.github.correlation.edge.UntrustedTrace;
import io.github.correlation.requestid.RequestIdPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

/**
 * Configuration properties for request correlation.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@ConfigurationProperties("correlation")
public class CorrelationProperties {

	private final RequestId requestId = new RequestId();

	private final Propagation propagation = new Propagation();

	private final Web web = new Web();

	private final Client client = new Client();

	private final Logging logging = new Logging();

	private final Kafka kafka = new Kafka();

	private final Task task = new Task();

	private final Audit audit = new Audit();

	private final Edge edge = new Edge();

	private final Export export = new Export();

	public RequestId getRequestId() {
		return this.requestId;
	}

	public Propagation getPropagation() {
		return this.propagation;
	}

	public Web getWeb() {
		return this.web;
	}

	public Client getClient() {
		return this.client;
	}

	public Logging getLogging() {
		return this.logging;
	}

	public Kafka getKafka() {
		return this.kafka;
	}

	public Task getTask() {
		return this.task;
	}

	public Audit getAudit() {
		return this.audit;
	}

	public Edge getEdge() {
		return this.edge;
	}

	public Export getExport() {
		return this.export;
	}

	/**
	 * Bind the properties from an environment, for code that runs before the application
	 * context exists. Invalid values fall back to their defaults here: the context's own
	 * binding rejects them at startup, with a message that names the property.
	 * @param environment the environment
	 * @return the bound properties
	 */
	public static CorrelationProperties bind(Environment environment) {
		return Binder.get(environment)
			.bindOrCreate("correlation", Bindable.of(CorrelationProperties.class), new IgnoreErrorsBindHandler());
	}

	static String requireToken(String value, String property) {
		Assert.isTrue(value != null && !value.isEmpty() && value.chars().allMatch(CorrelationProperties::isTokenChar),
				() -> property + " must be a non-empty token (letters, digits and !#$%&'*+-.^_`|~), not '" + value
						+ "'");
		return value;
	}

	private static boolean isTokenChar(int ch) {
		return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
				|| "!#$%&'*+-.^_`|~".indexOf(ch) >= 0;
	}

	/**
	 * Request id properties.
	 */
	public static class RequestId {

		/**
		 * Whether to accept, generate, log, echo and propagate a request id.
		 */
		private boolean enabled = true;

		/**
		 * Header that carries the request id, inbound, outbound and on responses.
		 */
		private String header = "X-Request-Id";

		/**
		 * Comma-separated list of further headers accepted as the inbound request id, in
		 * order of preference after the main header.
		 */
		private List<String> aliases = new ArrayList<>(List.of("X-Correlation-Id"));

		/**
		 * Name of the baggage entry and MDC key that hold the request id.
		 */
		private String field = "request_id";

		/**
		 * Maximum length of an accepted request id, at least 36 so that a generated UUID
		 * fits. Longer ids, and ids with characters other than letters, digits and
		 * '-_.:/+=@', are replaced by a generated one.
		 */
		private int maxLength = RequestIdPolicy.DEFAULT_MAX_LENGTH;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = requireToken(header, "correlation.request-id.header");
		}

		public List<String> getAliases() {
			return this.aliases;
		}

		public void setAliases(List<String> aliases) {
			aliases.forEach((alias) -> requireToken(alias, "correlation.request-id.aliases"));
			this.aliases = aliases;
		}

		public String getField() {
			return this.field;
		}

		public void setField(String field) {
			this.field = requireToken(field, "correlation.request-id.field");
		}

		public int getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(int maxLength) {
			RequestIdPolicy.requireValidMaxLength(maxLength, "correlation.request-id.max-length");
			this.maxLength = maxLength;
		}

	}

	/**
	 * W3C propagation properties.
	 */
	public static class Propagation {

		/**
		 * Whether to enforce the W3C Trace Context and Baggage rules on every propagator:
		 * one combined tracestate list, strict traceparent and tracestate grammar, member
		 * and size limits.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Servlet web properties.
	 */
	public static class Web {

		/**
		 * Whether to correlate inbound servlet requests: response headers and error
		 * handling.
		 */
		private boolean enabled = true;

		private final TraceResponse traceResponse = new TraceResponse();

		private final TraceIdHeader traceIdHeader = new TraceIdHeader();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public TraceResponse getTraceResponse() {
			return this.traceResponse;
		}

		public TraceIdHeader getTraceIdHeader() {
			return this.traceIdHeader;
		}

		/**
		 * W3C traceresponse header properties.
		 */
		public static class TraceResponse {

			/**
			 * Whether to write the W3C 'traceresponse' header on every response.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

		/**
		 * Bare trace id response header properties.
		 */
		public static class TraceIdHeader {

			/**
			 * Whether to write the bare trace id in a response header as well.
			 */
			private boolean enabled;

			/**
			 * Name of the response header with the bare trace id.
			 */
			private String name = "X-Trace-Id";

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public String getName() {
				return this.name;
			}

			public void setName(String name) {
				this.name = requireToken(name, "correlation.web.trace-id-header.name");
			}

		}

	}

	/**
	 * HTTP client properties.
	 */
	public static class Client {

		/**
		 * Whether to observe RestClient, RestTemplate and WebClient beans that were built
		 * without Boot's builders.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Logging properties.
	 */
	public static class Logging {

		/**
		 * Whether to write the trace context and baggage to the MDC under the configured
		 * keys.
		 */
		private boolean enabled = true;

		private final Mdc mdc = new Mdc();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Mdc getMdc() {
			return this.mdc;
		}

		/**
		 * MDC key properties.
		 */
		public static class Mdc {

			/**
			 * MDC key of the trace id.
			 */
			private String traceId = "trace_id";

			/**
			 * MDC key of the span id.
			 */
			private String spanId = "span_id";

			/**
			 * MDC key of the trace flags.
			 */
			private String traceFlags = "trace_flags";

			public String getTraceId() {
				return this.traceId;
			}

			public void setTraceId(String traceId) {
				this.traceId = requireToken(traceId, "correlation.logging.mdc.trace-id");
			}

			public String getSpanId() {
				return this.spanId;
			}

			public void setSpanId(String spanId) {
				this.spanId = requireToken(spanId, "correlation.logging.mdc.span-id");
			}

			public String getTraceFlags() {
				return this.traceFlags;
			}

			public void setTraceFlags(String traceFlags) {
				this.traceFlags = requireToken(traceFlags, "correlation.logging.mdc.trace-flags");
			}

		}

	}

	/**
	 * Kafka properties.
	 */
	public static class Kafka {

		/**
		 * Whether to correlate Kafka records: observation of templates and listeners on
		 * by default, batch spans, per-record contexts and the count of malformed trace
		 * headers.
		 */
		private boolean enabled = true;

		private final BatchSpan batchSpan = new BatchSpan();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public BatchSpan getBatchSpan() {
			return this.batchSpan;
		}

		/**
		 * Batch span properties.
		 */
		public static class BatchSpan {

			/**
			 * Whether to run batch listeners in a span linked to the producer of every
			 * record.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * Task execution properties.
	 */
	public static class Task {

		/**
		 * Whether tasks run in the context of the code that submitted them: Boot's and
		 * the application's executors and schedulers, hand-made spans and baggage,
		 * Reactor operators.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Propagation audit properties.
	 */
	public static class Audit {

		/**
		 * Whether to audit propagation: count and report root spans that start inside an
		 * internal operation, hops that arrive without a trace context and application
		 * log lines written outside any trace.
		 */
		private boolean enabled = true;

		/**
		 * Whether nothing outside calls this service directly, so that every HTTP request
		 * arriving without a traceparent is reported as a hop without context.
		 */
		private boolean internal;

		/**
		 * Comma-separated list of path patterns that may be called without a trace
		 * context at an internal service, such as health checks and metrics scrapes.
		 */
		private List<String> internalExemptPaths = new ArrayList<>(List.of("/actuator/**"));

		/**
		 * Comma-separated list of span name patterns ('*' matches any text) of root spans
		 * that start a trace on purpose.
		 */
		private List<String> expectedRoots = new ArrayList<>();

		/**
		 * Comma-separated list of package prefixes to skip, besides the JDK's and the
		 * known frameworks', when naming the code that started a span without a context
		 * and when telling application loggers from framework ones.
		 */
		private List<String> frameworkPackages = new ArrayList<>();

		/**
		 * Least time between two WARN lines about the same lost context or hop.
		 */
		private Duration reportInterval = Duration.ofMinutes(1);

		/**
		 * Maximum number of stack frames to look at for the code that started a span
		 * without a context.
		 */
		private int maxStackDepth = 128;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isInternal() {
			return this.internal;
		}

		public void setInternal(boolean internal) {
			this.internal = internal;
		}

		public List<String> getInternalExemptPaths() {
			return this.internalExemptPaths;
		}

		public void setInternalExemptPaths(List<String> internalExemptPaths) {
			this.internalExemptPaths = internalExemptPaths;
		}

		public List<String> getExpectedRoots() {
			return this.expectedRoots;
		}

		public void setExpectedRoots(List<String> expectedRoots) {
			this.expectedRoots = expectedRoots;
		}

		public List<String> getFrameworkPackages() {
			return this.frameworkPackages;
		}

		public void setFrameworkPackages(List<String> frameworkPackages) {
			this.frameworkPackages = frameworkPackages;
		}

		public Duration getReportInterval() {
			return this.reportInterval;
		}

		public void setReportInterval(Duration reportInterval) {
			Assert.isTrue(reportInterval != null && !reportInterval.isNegative(),
					() -> "correlation.audit.report-interval must not be negative, not " + reportInterval);
			this.reportInterval = reportInterval;
		}

		public int getMaxStackDepth() {
			return this.maxStackDepth;
		}

		public void setMaxStackDepth(int maxStackDepth) {
			Assert.isTrue(maxStackDepth > 0,
					() -> "correlation.audit.max-stack-depth must be positive, not " + maxStackDepth);
			this.maxStackDepth = maxStackDepth;
		}

	}

	/**
	 * Edge trust properties.
	 */
	public static class Edge {

		/**
		 * Whether this service is at the edge: inbound requests from outside the trusted
		 * networks get a new trace and only allowed baggage.
		 */
		private boolean enabled;

		/**
		 * Comma-separated list of networks in CIDR notation (IPv4 and IPv6) whose clients
		 * are trusted with our trace context and baggage.
		 */
		private List<String> trustedNetworks = new ArrayList<>();

		/**
		 * What becomes of the trace context an untrusted client sends.
		 */
		private UntrustedTrace untrustedTrace = UntrustedTrace.RESTART_WITH_LINK;

		/**
		 * What becomes of the request id an untrusted client sends.
		 */
		private RequestIdMode requestId = RequestIdMode.KEEP;

		/**
		 * Comma-separated list of topic names or patterns ('*' matches any text) that
		 * producers outside write to.
		 */
		private List<String> untrustedTopics = new ArrayList<>();

		/**
		 * Comma-separated list of host patterns ('*' matches any text) of our own
		 * services. When set, calls to any other host carry only what
		 * external-propagation allows.
		 */
		private List<String> internalHosts = new ArrayList<>();

		/**
		 * What a call to a host that is not one of the internal hosts carries.
		 */
		private ExternalPropagation.Mode externalPropagation = ExternalPropagation.Mode.TRACE_CONTEXT;

		private final Baggage baggage = new Baggage();

		public List<String> getInternalHosts() {
			return this.internalHosts;
		}

		public void setInternalHosts(List<String> internalHosts) {
			this.internalHosts = internalHosts;
		}

		public ExternalPropagation.Mode getExternalPropagation() {
			return this.externalPropagation;
		}

		public void setExternalPropagation(ExternalPropagation.Mode externalPropagation) {
			this.externalPropagation = externalPropagation;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getTrustedNetworks() {
			return this.trustedNetworks;
		}

		public void setTrustedNetworks(List<String> trustedNetworks) {
			TrustedNetworks.parse(trustedNetworks, "correlation.edge.trusted-networks");
			this.trustedNetworks = trustedNetworks;
		}

		public UntrustedTrace getUntrustedTrace() {
			return this.untrustedTrace;
		}

		public void setUntrustedTrace(UntrustedTrace untrustedTrace) {
			this.untrustedTrace = untrustedTrace;
		}

		public RequestIdMode getRequestId() {
			return this.requestId;
		}

		public void setRequestId(RequestIdMode requestId) {
			this.requestId = requestId;
		}

		public List<String> getUntrustedTopics() {
			return this.untrustedTopics;
		}

		public void setUntrustedTopics(List<String> untrustedTopics) {
			this.untrustedTopics = untrustedTopics;
		}

		public Baggage getBaggage() {
			return this.baggage;
		}

		/**
		 * What becomes of an untrusted client's request id.
		 */
		public enum RequestIdMode {

			/**
			 * Kept when valid: clients quote it to support.
			 */
			KEEP,

			/**
			 * Replaced by a generated one.
			 */
			REGENERATE

		}

		/**
		 * Edge baggage properties.
		 */
		public static class Baggage {

			/**
			 * Comma-separated list of baggage keys an untrusted client may set, in the
			 * baggage header or as a remote-field header.
			 */
			private List<String> allowed = new ArrayList<>();

			public List<String> getAllowed() {
				return this.allowed;
			}

			public void setAllowed(List<String> allowed) {
				this.allowed = allowed;
			}

		}

	}

	/**
	 * Span export properties.
	 */
	public static class Export {

		private final Metrics metrics = new Metrics();

		public Metrics getMetrics() {
			return this.metrics;
		}

		/**
		 * Span export metrics properties.
		 */
		public static class Metrics {

			/**
			 * Whether to count, in the application's meter registry, the spans that were
			 * dropped because the export queue was full, failed to export, or were
			 * exported, and the spans waiting in the queue.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

}
