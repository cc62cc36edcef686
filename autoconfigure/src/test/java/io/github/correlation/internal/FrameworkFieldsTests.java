package io.github.correlation.internal;

import java.util.List;
import java.util.Map;

import io.github.correlation.internal.FrameworkFields.FieldValue;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.SpringVersion;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.concurrent.ConcurrentTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins every private field the starter reads to the Spring version it was verified
 * against (Spring Framework 7.0; Spring for Apache Kafka 4.1 for {@code KafkaTemplate}).
 * When Spring moves to a new generation these fail first: verify each read again, then
 * move {@link FrameworkFields#VERIFIED_AGAINST}.
 */
@ExtendWith(OutputCaptureExtension.class)
class FrameworkFieldsTests {

	private static final TaskDecorator DECORATOR = (runnable) -> runnable;

	@Test
	void runsOnTheVerifiedSpringGeneration() {
		assertThat(SpringVersion.getVersion()).as("re-verify the field reads for this Spring version")
			.startsWith(FrameworkFields.VERIFIED_AGAINST + ".");
	}

	@Test
	void readsTheTaskDecoratorOfEverySpringExecutor() {
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
		pool.setTaskDecorator(DECORATOR);
		SimpleAsyncTaskExecutor simple = new SimpleAsyncTaskExecutor();
		simple.setTaskDecorator(DECORATOR);
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setTaskDecorator(DECORATOR);
		ConcurrentTaskExecutor concurrent = new ConcurrentTaskExecutor();
		concurrent.setTaskDecorator(DECORATOR);
		for (Object executor : List.of(pool, simple, scheduler, concurrent)) {
			assertThat(read(executor, "taskDecorator", TaskDecorator.class)).as(executor.getClass().getName())
				.isEqualTo(new FieldValue<>(true, DECORATOR));
		}
	}

	@Test
	void readsTheDecoratorsOfACompositeTaskDecorator() {
		CompositeTaskDecorator composite = new CompositeTaskDecorator(List.of(DECORATOR));
		assertThat(read(composite, "taskDecorators", List.class).value()).containsExactly(DECORATOR);
	}

	@Test
	void readsTheObservationRegistryOfClients() {
		ObservationRegistry registry = ObservationRegistry.create();
		assertThat(read(RestClient.builder().observationRegistry(registry).build(), "observationRegistry",
				ObservationRegistry.class))
			.isEqualTo(new FieldValue<>(true, registry));
		assertThat(read(WebClient.builder().observationRegistry(registry).build(), "observationRegistry",
				ObservationRegistry.class))
			.isEqualTo(new FieldValue<>(true, registry));
	}

	@Test
	void readsWhetherAKafkaTemplateIsObservedOnTheVerifiedSpringKafkaGeneration() {
		assertThat(KafkaTemplate.class.getPackage().getImplementationVersion())
			.as("re-verify the KafkaTemplate field read for this Spring for Apache Kafka version")
			.startsWith("4.1.");
		KafkaTemplate<String, String> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of()));
		template.setObservationEnabled(true);
		assertThat(read(template, "observationEnabled", Boolean.class)).isEqualTo(new FieldValue<>(true, true));
	}

	@Test
	void warnsOncePerBeanNamingItWhenAFieldMoved(CapturedOutput output) {
		Object moved = new Object();
		FieldValue<TaskDecorator> value = FrameworkFields.read(moved, "taskDecorator", TaskDecorator.class, "ownPool",
				"It is left as it is.");
		FrameworkFields.read(moved, "taskDecorator", TaskDecorator.class, "ownPool", "It is left as it is.");
		assertThat(value.present()).isFalse();
		assertThat(output.getAll()).containsOnlyOnce("Bean 'ownPool': java.lang.Object has no field 'taskDecorator'")
			.contains("verified against Spring Framework " + FrameworkFields.VERIFIED_AGAINST)
			.contains("It is left as it is.");
	}

	private static <T> FieldValue<T> read(Object target, String name, Class<T> type) {
		return FrameworkFields.read(target, name, type, "bean", "");
	}

}
