package io.github.correlation.autoconfigure;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import ch.qos.logback.classic.LoggerContext;
import io.github.correlation.audit.AuditReadiness;
import io.github.correlation.audit.AuditingSampler;
import io.github.correlation.audit.BoundaryInventory;
import io.github.correlation.audit.CallSites;
import io.github.correlation.audit.ContextAudit;
import io.github.correlation.audit.CorrelationEndpoint;
import io.github.correlation.audit.CorrelationReport;
import io.github.correlation.audit.InboundHops;
import io.github.correlation.audit.ReportSection;
import io.github.correlation.audit.RootSpanAudit;
import io.github.correlation.audit.UncorrelatedLogAppender;
import io.github.correlation.task.ExecutorContextPostProcessor;
import io.github.correlation.web.client.ClientInstrumentingBeanPostProcessor;
import io.github.correlation.web.servlet.InboundContextAudit;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of the propagation audit: root spans that prove a lost context, hops
 * that arrive without one, application log lines outside any trace, the
 * {@link CorrelationReport} and, with Actuator, the {@code correlation} endpoint.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = CorrelationAutoConfiguration.class)
@ConditionalOnClass({ SpanProcessor.class, Sampler.class, MeterRegistry.class })
@ConditionalOnBooleanProperty(name = "correlation.audit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AuditProperties.class)
public final class AuditCorrelationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ContextAudit contextAudit(ObjectProvider<MeterRegistry> meterRegistry, AuditProperties properties) {
		return new ContextAudit(SingletonSupplier.of(meterRegistry::getIfUnique), properties.getReportInterval(),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	CallSites correlationCallSites(AuditProperties properties) {
		return new CallSites(properties.getFrameworkPackages(), properties.getMaxStackDepth());
	}

	@Bean
	@ConditionalOnMissingBean
	RootSpanAudit rootSpanAudit(ContextAudit audit, CallSites callSites, AuditProperties properties) {
		return new RootSpanAudit(audit, callSites, properties.getExpectedRoots());
	}

	@Bean
	static BeanPostProcessor auditingSamplerPostProcessor() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof Sampler sampler && !(bean instanceof AuditingSampler))
						? new AuditingSampler(sampler) : bean;
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	CorrelationReport correlationReport(ContextAudit audit, ObjectProvider<BoundaryInventory> inventories,
			ObjectProvider<ReportSection> sections) {
		return new CorrelationReport(audit, () -> inventories.orderedStream().toList(),
				() -> sections.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	AuditReadiness auditReadiness(ContextAudit audit, ObjectProvider<UncorrelatedLogAppender> logAppender) {
		return new AuditReadiness(audit, logAppender.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	static class BoundaryInventoryConfiguration {

		@Bean
		BoundaryInventory httpClientBoundaryInventory(ObjectProvider<ClientInstrumentingBeanPostProcessor> clients) {
			return BoundaryInventory.of("http.client", () -> {
				Map<String, String> observed = new TreeMap<>();
				clients.forEach((processor) -> {
					processor.getAlreadyObserved().forEach((name, type) -> observed.put(name, type + ", observed"));
					processor.getInstrumented().forEach((name, type) -> observed.put(name, type + ", instrumented"));
				});
				return observed;
			}, () -> {
				Map<String, String> failed = new TreeMap<>();
				clients.forEach((processor) -> failed.putAll(processor.getFailed()));
				return failed;
			});
		}

		@Bean
		BoundaryInventory taskBoundaryInventory(ObjectProvider<ExecutorContextPostProcessor> executors) {
			return BoundaryInventory.of("task", () -> {
				Map<String, String> propagating = new TreeMap<>();
				executors.forEach((processor) -> {
					processor.getAlreadyPropagating()
						.forEach((name, type) -> propagating.put(name, type + ", already propagating"));
					processor.getDecorated().forEach((name, how) -> propagating.put(name, how + ", decorated"));
				});
				return propagating;
			}, () -> {
				Map<String, String> unreachable = new TreeMap<>();
				executors.forEach((processor) -> unreachable.putAll(processor.getUnreachable()));
				return unreachable;
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LoggerContext.class)
	static class LogbackConfiguration {

		@Bean
		@ConditionalOnMissingBean
		UncorrelatedLogAppender uncorrelatedLogAppender(ContextAudit audit, CallSites callSites) {
			return new UncorrelatedLogAppender(audit, callSites);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnBooleanProperty("correlation.audit.internal")
	static class InternalServiceConfiguration {

		@Bean
		@ConditionalOnMissingBean
		InboundHops inboundHops(ContextAudit audit, AuditProperties properties) {
			return new InboundHops(audit, properties.getInternalExemptPaths());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = Type.SERVLET)
		@ConditionalOnClass(ServerRequestObservationContext.class)
		static class ServletConfiguration {

			@Bean
			@ConditionalOnMissingBean
			InboundContextAudit inboundContextAudit(InboundHops hops) {
				return new InboundContextAudit(hops);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		@ConditionalOnClass(org.springframework.http.server.reactive.observation.ServerRequestObservationContext.class)
		static class ReactiveConfiguration {

			@Bean
			@ConditionalOnMissingBean
			io.github.correlation.web.reactive.InboundContextAudit reactiveInboundContextAudit(InboundHops hops) {
				return new io.github.correlation.web.reactive.InboundContextAudit(hops);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CorrelationEndpoint correlationEndpoint(CorrelationReport report) {
			return new CorrelationEndpoint(report);
		}

	}

}
