package io.github.correlation.faults;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.github.correlation.audit.CorrelationReport;
import io.github.correlation.audit.ExpectedRoot;
import io.github.correlation.test.RawHttpClient;
import io.github.correlation.test.TestApplication;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.ReadableSpan;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.event.KafkaEvent;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker stops and restarts, on the same port and with the same log directories, in
 * the middle of a stream of records that a real application produces, each record in a
 * trace of its own, and consumes with a record listener: every record produced is
 * consumed, in its producer's trace, and none is handed to the listener in another trace.
 * <p>
 * {@code -Dcorrelation.faults.duration} (10 s by default, 60 s with the build's
 * {@code full-length} profile; at least {@code 15s}) is the length of the run: a third
 * streaming, a third with the broker down while the producer keeps sending, a third
 * streaming after the restart, then the remaining records are drained. With a single
 * broker, {@code KafkaTemplate.send} blocks in the producer's metadata wait for most of
 * the outage ({@code max.block.ms} is set as long as {@code delivery.timeout.ms} so that
 * it does not fail).
 */
@Tag("fault")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KafkaBrokerRestartFaultTests {

	private static final Logger logger = LoggerFactory.getLogger(KafkaBrokerRestartFaultTests.class);

	static final String TOPIC = "faults.broker-restart";

	static final String LISTENER = "broker-restart";

	private static final Duration MINIMUM = Duration.ofSeconds(15);

	private static final Duration SEND_INTERVAL = Duration.ofMillis(10);

	@Test
	void everyRecordIsConsumedOnceInItsProducersTraceAcrossABrokerRestart() throws Exception {
		Duration total = duration();
		Duration phase = total.dividedBy(3);
		Duration deliveryTimeout = max(Duration.ofMinutes(2), phase.multipliedBy(4));
		long began = System.nanoTime();
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
		broker.afterPropertiesSet();
		try {
			String bootstrapServers = broker.getBrokersAsString();
			try (ConfigurableApplicationContext context = TestApplication.run(
					new Class<?>[] { StreamApplication.class }, "spring.kafka.bootstrap-servers=" + bootstrapServers,
					"spring.kafka.producer.acks=all", "spring.kafka.producer.properties.enable.idempotence=true",
					"spring.kafka.producer.properties.delivery.timeout.ms=" + deliveryTimeout.toMillis(),
					"spring.kafka.producer.properties.max.block.ms=" + deliveryTimeout.toMillis(),
					"spring.kafka.consumer.group-id=" + LISTENER, "spring.kafka.consumer.auto-offset-reset=earliest",
					"management.tracing.sampling.probability=1.0", "logging.level.org.apache.kafka=WARN",
					"logging.level.kafka=WARN", "logging.level.org.apache.kafka.clients.NetworkClient=ERROR")) {
				Stream stream = context.getBean(Stream.class);
				Listener listener = context.getBean(Listener.class);
				ContainerWatch watch = context.getBean(ContainerWatch.class);
				MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
					.getListenerContainer(LISTENER);
				assertThat(container).isNotNull();
				Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watch.assigned.get() > 0);

				stream.start();
				Thread.sleep(phase.toMillis());
				int beforeOutage = stream.sent.get();
				Outage outage = restart(broker, phase, stream);
				Thread.sleep(phase.toMillis());
				stream.stop();
				Awaitility.await()
					.atMost(deliveryTimeout.plusSeconds(30))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> stream.acknowledged.size() + stream.failed.size() == stream.sent.get());
				Awaitility.await()
					.atMost(Duration.ofSeconds(120))
					.pollInterval(Duration.ofMillis(200))
					.until(() -> listener.deliveries.keySet().containsAll(stream.acknowledged.keySet()));
				// Late redeliveries, if any, arrive within a few polls.
				Thread.sleep(2000);

				Figures figures = Figures.of(stream, listener);
				LogContents log = LogContents.read(bootstrapServers);
				CorrelationReport.Report audit = context.getBean(CorrelationReport.class).report();
				RawHttpClient.Response health = RawHttpClient.get(TestApplication.port(context), "/actuator/health",
						List.of());
				long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
				System.out.println("kafka broker restart: duration " + total.toSeconds() + "s, sent "
						+ stream.sent.get() + " (" + beforeOutage + " before the outage, " + outage.sentDuringOutage()
						+ " during it)" + ", produced (acknowledged) " + stream.acknowledged.size()
						+ ", not produced (send failed) " + stream.failed.size() + ", consumed " + figures.consumed
						+ ", lost " + figures.lost + ", consumed but not acknowledged " + figures.unacknowledged
						+ ", in another trace " + figures.foreignTrace + ", handed over in different traces "
						+ figures.multipleTraces + ", wrong parent " + figures.wrongParent
						+ ", redelivered in the same trace " + figures.redeliveredSameTrace + " ("
						+ figures.redeliveredRecords + " records)" + ", listener trace == producer trace "
						+ figures.sameTrace + "/" + figures.consumed + ", records in the log " + log.records
						+ " (duplicates " + log.duplicates + ")" + ", outage " + outage.duration().toMillis()
						+ " ms (broker down " + outage.down().toMillis() + " ms, restart " + outage.startup().toMillis()
						+ " ms), port kept " + outage.portKept() + ", max ack latency "
						+ stream.maxAckLatencyMillis.get() + " ms, max time blocked in send "
						+ stream.maxBlockedMillis.get() + " ms, rebalances (assigned/revoked/lost) "
						+ watch.assigned.get() + "/" + watch.revoked.get() + "/" + watch.lost.get()
						+ ", listener errors " + watch.listenerErrors.get() + ", container errors " + watch.otherErrors
						+ ", container events " + new TreeMap<>(watch.events) + ", listener threads " + listener.threads
						+ ", audit " + audit.getSummary() + " "
						+ audit.uncorrelatedLogs().stream().map((logs) -> logs.logger() + "=" + logs.count()).toList()
						+ ", test time " + seconds + " s");
				if (!stream.failed.isEmpty()) {
					stream.failed.entrySet()
						.stream()
						.limit(5)
						.forEach((failure) -> logger.error("send of {} failed", failure.getKey(), failure.getValue()));
				}

				assertThat(outage.portKept()).as("the broker came back on the same port").isTrue();
				assertThat(outage.sentDuringOutage()).as("records sent while the broker was down").isPositive();
				assertThat(stream.failed).as("sends that finally failed").isEmpty();
				assertThat(stream.acknowledged).hasSize(stream.sent.get());
				assertThat(figures.lost).as("produced but never consumed").isZero();
				assertThat(figures.unacknowledged).as("consumed but never acknowledged").isZero();
				assertThat(figures.foreignTrace).as("consumed in a trace other than the producer's").isZero();
				assertThat(figures.multipleTraces).as("handed to the listener in different traces").isZero();
				assertThat(figures.wrongParent).as("process span not a child of the producer span").isZero();
				assertThat(figures.sameTrace).isEqualTo(stream.acknowledged.size());
				assertThat(log.duplicates).as("records written twice to the log").isZero();
				assertThat(log.records).isEqualTo(stream.acknowledged.size());
				assertThat(watch.listenerErrors).as("exceptions that escaped the listener").hasValue(0);
				assertThat(watch.events).as("the consumer started once and never stopped")
					.containsEntry("ConsumerStartedEvent", 1)
					.doesNotContainKeys("ConsumerStoppedEvent", "ConsumerFailedToStartEvent", "ContainerStoppedEvent");
				assertThat(listener.threads).as("one consumer thread, never replaced").hasSize(1);
				assertThat(container.isRunning()).isTrue();
				assertThat(health.status()).isEqualTo(200);
				assertThat(health.body()).contains("\"UP\"");
				assertThat(audit.getSummary()).as("propagation audit").containsEntry("contextLosses", 0L);
			}
		}
		finally {
			broker.destroy();
		}
	}

	/**
	 * Stop the broker, keep it down for the given time while the stream goes on, start it
	 * again. The cluster is combined-mode KRaft (one node is broker and controller); only
	 * the broker half is restarted, the controller, the metadata log and the broker's log
	 * directories stay. The port is the one the test kit bound on first start:
	 * {@code EmbeddedKafkaKraftBroker.kafkaPorts(...)} is ignored in KRaft mode, and the
	 * test kit's pre-bound socket factory rebinds a restarted server to the port it had,
	 * so the application keeps its {@code bootstrap-servers}.
	 */
	private static Outage restart(EmbeddedKafkaKraftBroker broker, Duration down, Stream stream) throws Exception {
		KafkaClusterTestKit cluster = broker.getCluster();
		assertThat(cluster).isNotNull();
		assertThat(cluster.brokers()).hasSize(1);
		BrokerServer server = cluster.brokers().values().iterator().next();
		String before = cluster.bootstrapServers();
		int sentBefore = stream.sent.get();
		long stopping = System.nanoTime();
		server.shutdown();
		server.awaitShutdown();
		long stopped = System.nanoTime();
		logger.info("broker stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(stopped - stopping));
		Thread.sleep(down.toMillis());
		long starting = System.nanoTime();
		server.startup();
		cluster.waitForReadyBrokers();
		long started = System.nanoTime();
		int sentDuring = stream.sent.get() - sentBefore;
		String after = cluster.bootstrapServers();
		logger.info("broker restarted in {} ms on {} (was {})", TimeUnit.NANOSECONDS.toMillis(started - starting),
				after, before);
		return new Outage(Duration.ofNanos(started - stopping), Duration.ofNanos(starting - stopped),
				Duration.ofNanos(started - starting), before.equals(after), sentDuring);
	}

	private static Duration duration() {
		String value = System.getProperty("correlation.faults.duration", "10s");
		return max(MINIMUM, DurationStyle.detectAndParse(value));
	}

	private static Duration max(Duration first, Duration second) {
		return (first.compareTo(second) >= 0) ? first : second;
	}

	record Outage(Duration duration, Duration down, Duration startup, boolean portKept, int sentDuringOutage) {

	}

	/**
	 * What the listener saw, against what the producer sent.
	 */
	static final class Figures {

		int consumed;

		int lost;

		int unacknowledged;

		int foreignTrace;

		int multipleTraces;

		int wrongParent;

		int redeliveredSameTrace;

		int redeliveredRecords;

		int sameTrace;

		static Figures of(Stream stream, Listener listener) {
			Figures figures = new Figures();
			for (Map.Entry<String, String> acknowledged : stream.acknowledged.entrySet()) {
				String payload = acknowledged.getKey();
				String producerTrace = stream.traceIds.get(payload);
				List<Delivery> deliveries = listener.deliveries.get(payload);
				if (deliveries == null || deliveries.isEmpty()) {
					figures.lost++;
					continue;
				}
				figures.consumed++;
				Set<String> traces = deliveries.stream().map(Delivery::traceId).collect(Collectors.toSet());
				if (traces.size() > 1) {
					figures.multipleTraces++;
				}
				if (!traces.equals(Set.of(producerTrace))) {
					figures.foreignTrace++;
				}
				else {
					figures.sameTrace++;
				}
				if (deliveries.stream().anyMatch((delivery) -> !delivery.parentIsProducer())) {
					figures.wrongParent++;
				}
				if (deliveries.size() > 1 && traces.size() == 1) {
					figures.redeliveredSameTrace += deliveries.size() - 1;
					figures.redeliveredRecords++;
				}
			}
			for (String payload : listener.deliveries.keySet()) {
				if (!stream.acknowledged.containsKey(payload)) {
					figures.unacknowledged++;
				}
			}
			return figures;
		}

	}

	/**
	 * Every record of the topic, read from the beginning by a consumer of its own.
	 */
	record LogContents(int records, int duplicates) {

		static LogContents read(String bootstrapServers) {
			Properties properties = new Properties();
			properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
			properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
			properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
			properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
				List<TopicPartition> partitions = consumer.partitionsFor(TOPIC)
					.stream()
					.map((info) -> new TopicPartition(TOPIC, info.partition()))
					.toList();
				consumer.assign(partitions);
				consumer.seekToBeginning(partitions);
				Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
				Map<String, Integer> payloads = new HashMap<>();
				int records = 0;
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
				while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
					assertThat(System.nanoTime()).as("reading the log back").isLessThan(deadline);
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
						records++;
						payloads.merge(record.value(), 1, Integer::sum);
					}
				}
				return new LogContents(records, records - payloads.size());
			}
		}

	}

	record Delivery(String traceId, boolean parentIsProducer, int partition, long offset) {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ Stream.class, Listener.class, ContainerWatch.class })
	static class StreamApplication {

		@Bean
		DefaultErrorHandler errorHandler(ContainerWatch watch) {
			return watch.errorHandler();
		}

		@Bean
		ConsumerAwareRebalanceListener rebalanceListener(ContainerWatch watch) {
			return watch.rebalanceListener();
		}

	}

	/**
	 * Sends a record every few milliseconds from a thread of its own, each send in an
	 * observation of its own: one trace per record.
	 */
	static class Stream {

		private final KafkaTemplate<Object, Object> template;

		private final ObservationRegistry observations;

		private final Tracer tracer;

		final AtomicInteger sent = new AtomicInteger();

		final Map<String, String> traceIds = new ConcurrentHashMap<>();

		final Map<String, String> acknowledged = new ConcurrentHashMap<>();

		final Map<String, Throwable> failed = new ConcurrentHashMap<>();

		final AtomicLong maxAckLatencyMillis = new AtomicLong();

		final AtomicLong maxBlockedMillis = new AtomicLong();

		private volatile boolean running;

		private Thread thread;

		Stream(KafkaTemplate<Object, Object> template, ObservationRegistry observations, Tracer tracer) {
			this.template = template;
			this.observations = observations;
			this.tracer = tracer;
		}

		void start() {
			this.running = true;
			this.thread = new Thread(this::run, "fault-producer");
			this.thread.start();
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.thread.join(TimeUnit.MINUTES.toMillis(2));
			assertThat(this.thread.isAlive()).as("producer thread still sending").isFalse();
			this.template.flush();
		}

		private void run() {
			int next = 0;
			while (this.running) {
				String payload = "record-" + (next++);
				ExpectedRoot.run(() -> Observation.createNotStarted("fault.produce", this.observations)
					.observe(() -> send(payload)));
				try {
					Thread.sleep(SEND_INTERVAL.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}

		private void send(String payload) {
			Span span = this.tracer.currentSpan();
			this.traceIds.put(payload, (span != null) ? span.context().traceId() : "none");
			this.sent.incrementAndGet();
			long start = System.nanoTime();
			try {
				this.template.send(TOPIC, payload, payload).whenComplete((result, ex) -> {
					if (ex != null) {
						this.failed.put(payload, ex);
						return;
					}
					this.maxAckLatencyMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
							Math::max);
					this.acknowledged.put(payload,
							result.getRecordMetadata().partition() + "@" + result.getRecordMetadata().offset());
				});
			}
			catch (RuntimeException ex) {
				this.failed.put(payload, ex);
			}
			this.maxBlockedMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
		}

	}

	/**
	 * Records, for every record it is handed, the trace current in the listener and
	 * whether the current span is a child of the span that produced the record.
	 */
	static class Listener {

		private final Tracer tracer;

		final Map<String, List<Delivery>> deliveries = new ConcurrentHashMap<>();

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		Listener(Tracer tracer) {
			this.tracer = tracer;
		}

		@KafkaListener(id = LISTENER, topics = TOPIC)
		void onRecord(ConsumerRecord<String, String> record) {
			this.threads.add(Thread.currentThread().getName());
			Span span = this.tracer.currentSpan();
			String traceId = (span != null) ? span.context().traceId() : "none";
			this.deliveries.computeIfAbsent(record.value(), (key) -> new CopyOnWriteArrayList<>())
				.add(new Delivery(traceId, parentIsProducer(record), record.partition(), record.offset()));
		}

		private static boolean parentIsProducer(ConsumerRecord<String, String> record) {
			Header traceparent = record.headers().lastHeader("traceparent");
			if (traceparent == null || !(io.opentelemetry.api.trace.Span.current() instanceof ReadableSpan readable)) {
				return false;
			}
			String[] fields = new String(traceparent.value()).split("-");
			return fields.length == 4 && readable.getParentSpanContext().getTraceId().equals(fields[1])
					&& readable.getParentSpanContext().getSpanId().equals(fields[2]);
		}

	}

	/**
	 * Watches the listener container: its events, its rebalances and every exception its
	 * error handler sees.
	 */
	static class ContainerWatch {

		final Map<String, Integer> events = new ConcurrentHashMap<>();

		final AtomicInteger assigned = new AtomicInteger();

		final AtomicInteger revoked = new AtomicInteger();

		final AtomicInteger lost = new AtomicInteger();

		final AtomicInteger listenerErrors = new AtomicInteger();

		final List<String> otherErrors = new CopyOnWriteArrayList<>();

		@EventListener
		void on(KafkaEvent event) {
			this.events.merge(event.getClass().getSimpleName(), 1, Integer::sum);
		}

		ConsumerAwareRebalanceListener rebalanceListener() {
			ContainerWatch watch = this;
			return new ConsumerAwareRebalanceListener() {

				@Override
				public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
					watch.assigned.incrementAndGet();
				}

				@Override
				public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer,
						Collection<TopicPartition> partitions) {
					if (!partitions.isEmpty()) {
						watch.revoked.incrementAndGet();
					}
				}

				@Override
				public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
					watch.lost.incrementAndGet();
				}

			};
		}

		DefaultErrorHandler errorHandler() {
			ContainerWatch watch = this;
			return new DefaultErrorHandler(new FixedBackOff(0, 0)) {

				@Override
				public boolean handleOne(Exception thrownException, ConsumerRecord<?, ?> record,
						Consumer<?, ?> consumer, MessageListenerContainer container) {
					watch.listenerErrors.incrementAndGet();
					return super.handleOne(thrownException, record, consumer, container);
				}

				@Override
				public void handleRemaining(Exception thrownException, List<ConsumerRecord<?, ?>> records,
						Consumer<?, ?> consumer, MessageListenerContainer container) {
					watch.listenerErrors.incrementAndGet();
					super.handleRemaining(thrownException, records, consumer, container);
				}

				@Override
				public void handleOtherException(Exception thrownException, Consumer<?, ?> consumer,
						MessageListenerContainer container, boolean batchListener) {
					watch.otherErrors.add(thrownException.getClass().getSimpleName());
					super.handleOtherException(thrownException, consumer, container, batchListener);
				}

			};
		}

	}

}
