package io.github.correlation.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.correlation.audit.ReportSection;
import io.github.correlation.edge.EdgeCounts;
import io.github.correlation.edge.EdgeDecisions;
import io.github.correlation.edge.EdgePolicy;
import io.github.correlation.edge.EdgeSpanProcessor;
import io.github.correlation.edge.ExternalPropagation;
import io.github.correlation.edge.InboundTrust;
import io.github.correlation.edge.TrustedNetworks;
import io.github.correlation.kafka.internal.TopicTrust;
import io.github.correlation.requestid.RequestIdPropagator;
import io.github.correlation.web.client.ClientHosts;
import io.github.correlation.web.servlet.ClientAddressTrust;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of the edge trust policy ({@code correlation.edge.enabled=true}):
 * untrusted senders get a new trace, only allowed baggage and, if asked, a new request
 * id. The parts are applied by the propagation chain that
 * {@link CorrelationAutoConfiguration} composes.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = CorrelationAutoConfiguration.class)
@ConditionalOnClass({ Sampler.class, TracingProperties.class, MeterRegistry.class })
@ConditionalOnBooleanProperty("correlation.edge.enabled")
@EnableConfigurationProperties({ EdgeProperties.class, TracingProperties.class })
public final class EdgeCorrelationAutoConfiguration {

	// Without the servlet API (a Kafka-only service) the servlet type is never touched:
	// the first record would fail to load it and stop its listener container.
	private static final boolean servletPresent = ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest",
			EdgeCorrelationAutoConfiguration.class.getClassLoader());

	private static final boolean reactiveWebPresent = ClassUtils.isPresent(
			"org.springframework.http.server.reactive.ServerHttpRequest",
			EdgeCorrelationAutoConfiguration.class.getClassLoader());

	@Bean
	EdgeCounts edgeCounts(ObjectProvider<MeterRegistry> meterRegistry) {
		return new EdgeCounts(meterRegistry::getIfUnique);
	}

	@Bean
	@ConditionalOnMissingBean
	EdgeDecisions edgeDecisions(EdgeProperties edge, TracingProperties tracing, ObjectProvider<Sampler> sampler,
			ObjectProvider<RequestIdPropagator> requestIds, ObjectProvider<InboundTrust> rules, EdgeCounts counts) {
		// The sampler is created after the propagators that this policy is part of.
		SingletonSupplier<Sampler> localSampler = SingletonSupplier.of(sampler::getIfAvailable);
		List<String> requestIdHeaders = new ArrayList<>();
		RequestIdPropagator requestIdPropagator = requestIds.getIfAvailable();
		if (edge.getRequestId() == EdgeProperties.RequestIdMode.REGENERATE && requestIdPropagator != null) {
			requestIdHeaders.addAll(requestIdPropagator.fields());
		}
		EdgePolicy policy = new EdgePolicy(edge.getUntrustedTrace(), edge.getBaggage().getAllowed(),
				tracing.getBaggage().getRemoteFields(), requestIdHeaders,
				(traceId) -> isSampled(localSampler.get(), traceId), counts::dropped);
		return new EdgeDecisions(() -> rules.orderedStream().toList(), policy,
				(decision, carrier) -> counts.decided(decision, boundary(carrier)));
	}

	@Bean
	@ConditionalOnMissingBean
	ExternalPropagation externalPropagation(EdgeProperties edge) {
		return new ExternalPropagation(edge.getInternalHosts(), edge.getExternalPropagation(), ClientHosts::hostOf);
	}

	@Bean
	@ConditionalOnMissingBean
	EdgeSpanProcessor edgeSpanProcessor() {
		return new EdgeSpanProcessor();
	}

	private static boolean isSampled(Sampler sampler, String traceId) {
		return sampler != null
				&& sampler.shouldSample(Context.root(), traceId, "", SpanKind.SERVER, Attributes.empty(), List.of())
					.getDecision() == SamplingDecision.RECORD_AND_SAMPLE;
	}

	private static String boundary(Object carrier) {
		boolean http = (servletPresent && carrier instanceof HttpServletRequest)
				|| (reactiveWebPresent && carrier instanceof ServerHttpRequest);
		return http ? "http.server" : "kafka.consumer";
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean(value = InboundTrust.class, ignored = TopicTrust.class)
		ClientAddressTrust clientAddressTrust(EdgeProperties edge) {
			return new ClientAddressTrust(
					TrustedNetworks.parse(edge.getTrustedNetworks(), "correlation.edge.trusted-networks"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean(value = InboundTrust.class, ignored = TopicTrust.class)
		io.github.correlation.web.reactive.ClientAddressTrust reactiveClientAddressTrust(EdgeProperties edge) {
			return new io.github.correlation.web.reactive.ClientAddressTrust(
					TrustedNetworks.parse(edge.getTrustedNetworks(), "correlation.edge.trusted-networks"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ConsumerRecord.class)
	static class KafkaConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TopicTrust topicTrust(EdgeProperties edge) {
			return new TopicTrust(edge.getUntrustedTopics());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReportSection.class)
	static class ReportConfiguration {

		@Bean
		ReportSection edgeReportSection(EdgeCounts counts) {
			return new ReportSection() {

				@Override
				public String name() {
					return "edge";
				}

				@Override
				public Map<String, Long> counts() {
					return counts.counts();
				}

			};
		}

	}

}
