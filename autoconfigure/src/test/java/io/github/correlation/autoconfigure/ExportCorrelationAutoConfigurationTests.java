package io.github.correlation.autoconfigure;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import io.github.correlation.export.ExportMeterProvider;
import io.github.correlation.export.ExportMeterProvider.Signal;
import io.github.correlation.export.ExportMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
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
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
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
			for (String meter : new String[] { ExportMetrics.DROPPED, ExportMetrics.FAILED, ExportMetrics.EXPORTED }) {
				String name = ExportMetrics.name(Signal.SPANS, meter);
				assertThat(registry.get(name).functionCounter().count()).as(name).isZero();
			}
			assertThat(registry.get(ExportMetrics.name(Signal.SPANS, ExportMetrics.QUEUE_SIZE)).gauge().value())
				.isZero();
			assertThat(registry.find("correlation.export.logs.dropped").meter())
				.as("log meters where no log is exported")
				.isNull();
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
					.get(ExportMetrics.name(Signal.SPANS, ExportMetrics.DROPPED))
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
			assertThat(context.getBean(MeterRegistry.class).find("correlation.export.spans.dropped").meter()).isNull();
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
	void bootsLogExportCountsTheLogRecordsItDrops() {
		StuckLogExporter exporter = new StuckLogExporter();
		this.contextRunner.withConfiguration(AutoConfigurations.of(OpenTelemetryLoggingAutoConfiguration.class))
			.withBean(LogRecordExporter.class, () -> exporter)
			.withPropertyValues("management.opentelemetry.logging.export.max-queue-size=4",
					"management.opentelemetry.logging.export.max-batch-size=1",
					"management.opentelemetry.logging.export.schedule-delay=10ms")
			.run((context) -> {
				assertThat(context).hasSingleBean(BatchLogRecordProcessor.class);
				Logger logger = context.getBean(SdkLoggerProvider.class).get("test");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				FunctionCounter dropped = registry.get("correlation.export.logs.dropped").functionCounter();
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					logger.logRecordBuilder().setBody("line").emit();
					assertThat(dropped.count()).isPositive();
				});
				assertThat(registry.get("correlation.export.logs.queue.size").gauge().value()).isPositive();
				assertThat(registry.get("correlation.export.spans.dropped").functionCounter().count()).isZero();
				exporter.release();
			});
	}

	@Test
	void leavesTheApplicationsOwnLogRecordProcessorAlone() {
		BatchLogRecordProcessor own = BatchLogRecordProcessor.builder(LogRecordExporter.composite()).build();
		this.contextRunner.withConfiguration(AutoConfigurations.of(OpenTelemetryLoggingAutoConfiguration.class))
			.withBean(LogRecordExporter.class, StuckLogExporter::new)
			.withBean(BatchLogRecordProcessor.class, () -> own)
			.run((context) -> {
				assertThat(context).getBean(BatchLogRecordProcessor.class).isSameAs(own);
				assertThat(context.getBean(MeterRegistry.class).find("correlation.export.logs.dropped").meter())
					.isNull();
			});
	}

	@Test
	void countsSpansWithoutTheOpenTelemetryLogsSdk() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(OpenTelemetryLoggingAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(BatchLogRecordProcessor.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ExportMetrics.class)
				.doesNotHaveBean("correlationBatchLogRecordProcessor"));
	}

	@Test
	void aFullQueueShowsAsDroppedSpans() {
		StuckExporter exporter = new StuckExporter();
		try (ExportMeterProvider meterProvider = new ExportMeterProvider()) {
			MeterRegistry registry = new SimpleMeterRegistry();
			new ExportMetrics(meterProvider, EnumSet.of(Signal.SPANS)).bindTo(registry);
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
				// ten and drops the other eight.
				assertThat(registry.get("correlation.export.spans.dropped").functionCounter().count()).isEqualTo(8);
				assertThat(registry.get("correlation.export.spans.queue.size").gauge().value()).isEqualTo(2);
				assertThat(registry.get("correlation.export.spans.exported").functionCounter().count()).isZero();
				exporter.release();
				tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * What an exporter whose exports never end, until it is released, does besides
	 * exporting.
	 */
	public abstract static class Stuck {

		final CompletableResultCode stuck = new CompletableResultCode();

		void release() {
			this.stuck.succeed();
		}

		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		public CompletableResultCode shutdown() {
			release();
			return CompletableResultCode.ofSuccess();
		}

	}

	/**
	 * A span exporter whose exports never end, until it is released.
	 */
	static final class StuckExporter extends Stuck implements SpanExporter {

		volatile int exports;

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.exports++;
			return this.stuck;
		}

	}

	/**
	 * A log record exporter whose exports never end, until it is released.
	 */
	static final class StuckLogExporter extends Stuck implements LogRecordExporter {

		@Override
		public CompletableResultCode export(Collection<LogRecordData> logs) {
			return this.stuck;
		}

	}

}
