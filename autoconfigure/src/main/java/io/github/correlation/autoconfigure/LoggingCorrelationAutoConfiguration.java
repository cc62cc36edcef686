package io.github.correlation.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import io.github.correlation.logging.BaggageMdcEventListener;
import io.github.correlation.logging.MdcKeys;
import io.github.correlation.logging.SpanMdcEventListener;
import io.micrometer.tracing.otel.bridge.Slf4JBaggageEventListener;
import io.micrometer.tracing.otel.bridge.Slf4JEventListener;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the MDC bridge: the span's ids and flags under the configured
 * keys, and every named baggage entry (the request id, Boot's correlation and remote
 * fields) under its own name. It runs before Boot's OpenTelemetry tracing
 * auto-configuration, whose listeners back off.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = CorrelationAutoConfiguration.OPENTELEMETRY_TRACING_AUTO_CONFIGURATION)
@ConditionalOnClass({ Slf4JEventListener.class, MDC.class, TracingProperties.class })
@ConditionalOnBooleanProperty(name = "correlation.logging.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ CorrelationLoggingProperties.class, RequestIdProperties.class,
		TracingProperties.class })
public final class LoggingCorrelationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(Slf4JEventListener.class)
	SpanMdcEventListener spanMdcEventListener(CorrelationLoggingProperties properties) {
		CorrelationLoggingProperties.Mdc mdc = properties.getMdc();
		return new SpanMdcEventListener(new MdcKeys(mdc.getTraceId(), mdc.getSpanId(), mdc.getTraceFlags()));
	}

	@Bean
	@ConditionalOnMissingBean(Slf4JBaggageEventListener.class)
	BaggageMdcEventListener baggageMdcEventListener(RequestIdProperties requestId, TracingProperties tracing) {
		return new BaggageMdcEventListener(baggageFields(requestId, tracing));
	}

	/**
	 * The baggage entries written to the MDC: the request id and the fields Boot
	 * correlates or propagates.
	 * @param requestId the request id properties
	 * @param tracing the tracing properties of Boot
	 * @return the MDC keys of the baggage entries
	 */
	static Set<String> baggageFields(RequestIdProperties requestId, TracingProperties tracing) {
		Set<String> fields = new LinkedHashSet<>();
		if (requestId.isEnabled()) {
			fields.add(requestId.getField());
		}
		fields.addAll(tracing.getBaggage().getCorrelation().getFields());
		fields.addAll(tracing.getBaggage().getRemoteFields());
		return fields;
	}

}
