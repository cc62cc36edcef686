package io.github.correlation.autoconfigure;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import io.github.correlation.export.ExportMeterProvider;
import io.github.correlation.export.ExportMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ExportCorrelationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, ExportCorrelationAutoConfiguration.class));

	@Test
	void countsExportInTheMeterRegistryWithoutChangingTheApplicationsOpenTelemetry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ExportMeterProvider.class)
				.hasSingleBean(MeterProvider.class)
				.hasSingleBean(ExportMetrics.class)
				.doesNotHaveBean(SdkMeterProvider.class);
			assertThat(context.getBean(OpenTelemetry.class).getMeterProvider())
				.isNotSameAs(context.getBean(ExportMeterProvider.class));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String name : new String[] { ExportMetrics.DROPPED, ExportMetrics.FAILED, ExportMetrics.EXPORTED }) {
				assertThat(registry.get(name).functionCounter().count()).as(name).isZero();
			}
			assertThat(registry.get(ExportMetrics.QUEUE_SIZE).gauge().value()).isZero();
		});
	}

	@Test
	void bootsBatchSpanProcessorCountsTheSpansItDrops() {
		StuckExporter exporter = new StuckExporter();
		this.contextRunner.withBean(SpanExporter.class, () -> exporter)
			.withPropertyValues("management.tracing.sampling.probability=1.0",
					"management.opentelemetry.tracing.export.max-queue-size=4",
					"management.opentelemetry.tracing.export.max-batch-size=1")
			.run((context) -> {
				Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
				FunctionCounter dropped = context.getBean(MeterRegistry.class)
					.get(ExportMetrics.DROPPED)
					.functionCounter();
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					tracer.spanBuilder("work").startSpan().end();
					assertThat(dropped.count()).isPositive();
				});
				exporter.release();
			});
	}

	@Test
	void backsOffForTheApplicationsOwnMeterProvider() {
		this.contextRunner.withBean(MeterProvider.class, MeterProvider::noop).run((context) -> {
			assertThat(context).doesNotHaveBean(ExportMeterProvider.class).doesNotHaveBean(ExportMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find(ExportMetrics.DROPPED).meter()).isNull();
		});
	}

	@Test
	void backsOffWithoutTheOpenTelemetryMetricsSdk() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SdkMeterProvider.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ExportMeterProvider.class)
				.doesNotHaveBean(ExportMetrics.class));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, ExportCorrelationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ExportMeterProvider.class));
	}

	@Test
	void isOffWhenDisabled() {
		this.contextRunner.withPropertyValues("correlation.export.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ExportMeterProvider.class)
				.doesNotHaveBean(ExportMetrics.class));
	}

	@Test
	void aFullQueueShowsAsDroppedSpans() {
		StuckExporter exporter = new StuckExporter();
		try (ExportMeterProvider meterProvider = new ExportMeterProvider()) {
			MeterRegistry registry = new SimpleMeterRegistry();
			new ExportMetrics(meterProvider).bindTo(registry);
			BatchSpanProcessor processor = BatchSpanProcessor.builder(exporter)
				.setMaxQueueSize(2)
				.setMaxExportBatchSize(1)
				.setScheduleDelay(Duration.ofMillis(1))
				.setMeterProvider(meterProvider)
				.build();
			try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(processor).build()) {
				Tracer tracer = tracerProvider.get("test");
				tracer.spanBuilder("stuck").startSpan().end();
				await().atMost(Duration.ofSeconds(10)).until(() -> exporter.exports > 0);
				for (int i = 0; i < 10; i++) {
					tracer.spanBuilder("work").startSpan().end();
				}
				// The first span is with the exporter, the queue holds two of the next
				// ten
				// and drops the other eight.
				assertThat(registry.get(ExportMetrics.DROPPED).functionCounter().count()).isEqualTo(8);
				assertThat(registry.get(ExportMetrics.QUEUE_SIZE).gauge().value()).isEqualTo(2);
				assertThat(registry.get(ExportMetrics.EXPORTED).functionCounter().count()).isZero();
				exporter.release();
				tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * An exporter whose exports never end, until it is released.
	 */
	static final class StuckExporter implements SpanExporter {

		private final CompletableResultCode stuck = new CompletableResultCode();

		volatile int exports;

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.exports++;
			return this.stuck;
		}

		void release() {
			this.stuck.succeed();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			release();
			return CompletableResultCode.ofSuccess();
		}

	}

}
