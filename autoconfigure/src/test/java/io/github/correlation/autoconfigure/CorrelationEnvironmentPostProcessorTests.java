package io.github.correlation.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationEnvironmentPostProcessorTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	private final CorrelationEnvironmentPostProcessor postProcessor = new CorrelationEnvironmentPostProcessor();

	@Test
	void switchesKafkaObservationOnUnlessKafkaCorrelationIsOff() {
		process();
		assertThat(this.environment.getProperty("spring.kafka.template.observation-enabled")).isEqualTo("true");
		assertThat(this.environment.getProperty("spring.kafka.listener.observation-enabled")).isEqualTo("true");
		this.environment.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("correlation.kafka.enabled", "false"));
		assertThat(this.environment.getProperty("spring.kafka.template.observation-enabled")).isNull();
		assertThat(this.environment.getProperty("spring.kafka.listener.observation-enabled")).isNull();
	}

	@Test
	void propagatesContextToTasksUnlessTaskCorrelationIsOff() {
		process();
		assertThat(this.environment.getProperty("spring.task.execution.propagate-context")).isEqualTo("true");
		this.environment.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("correlation.task.enabled", "false"));
		assertThat(this.environment.getProperty("spring.task.execution.propagate-context")).isNull();
	}

	@Test
	void leavesReactorsPropagationModeToBootAndTheApplication() {
		process();
		assertThat(this.environment.getPropertySources()
			.get(CorrelationEnvironmentPostProcessor.NAME)
			.containsProperty("spring.reactor.context-propagation")).isFalse();
	}

	@Test
	void theApplicationsOwnValueWins() {
		this.environment.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("spring.task.execution.propagate-context", "false")
				.withProperty("logging.pattern.correlation", "custom"));
		process();
		assertThat(this.environment.getProperty("spring.task.execution.propagate-context")).isEqualTo("false");
		assertThat(this.environment.getProperty("logging.pattern.correlation")).isEqualTo("custom");
	}

	@Test
	void springApplicationDefaultPropertiesWinToo() {
		process();
		this.environment.getPropertySources()
			.addLast(new MockPropertySource("defaultProperties").withProperty("spring.task.execution.propagate-context",
					"false"));
		assertThat(this.environment.getProperty("spring.task.execution.propagate-context")).isEqualTo("false");
		assertThat(this.environment.getPropertySources().get(CorrelationEnvironmentPostProcessor.NAME))
			.satisfies((source) -> assertThat(
					((org.springframework.core.env.EnumerablePropertySource<?>) source).getPropertyNames())
				.doesNotContain("spring.task.execution.propagate-context")
				.contains("logging.pattern.correlation"));
	}

	@Test
	void addsItsDefaultsLastAndOnce() {
		process();
		process();
		assertThat(this.environment.getPropertySources().stream().map((source) -> source.getName()))
			.endsWith(CorrelationEnvironmentPostProcessor.NAME)
			.filteredOn(CorrelationEnvironmentPostProcessor.NAME::equals)
			.hasSize(1);
	}

	@Test
	void correlationPatternFollowsTheMdcKeys() {
		process();
		assertThat(this.environment.getProperty("logging.pattern.correlation"))
			.isEqualTo("%correlationId{trace_id(32),span_id(16)}");
		this.environment.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("correlation.logging.mdc.trace-id", "traceId"));
		assertThat(this.environment.getProperty("logging.pattern.correlation"))
			.isEqualTo("%correlationId{traceId(32),span_id(16)}");
	}

	@Test
	void anInvalidKeyLeavesTheDefaultToTheContextsValidation() {
		this.environment.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("correlation.logging.mdc.trace-id", "trace id"));
		process();
		assertThat(this.environment.getProperty("logging.pattern.correlation"))
			.isEqualTo("%correlationId{trace_id(32),span_id(16)}");
	}

	@Test
	void leavesThePatternToBootWhenLoggingIsDisabled() {
		this.environment.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("correlation.logging.enabled", "false"));
		process();
		assertThat(this.environment.getProperty("logging.pattern.correlation")).isNull();
	}

	private void process() {
		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
	}

}
