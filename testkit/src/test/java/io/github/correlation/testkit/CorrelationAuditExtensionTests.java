package io.github.correlation.testkit;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.Events;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AuditCorrelation} on a user's {@code @SpringBootTest} class, run through the
 * JUnit engine as the user's build runs it.
 */
class CorrelationAuditExtensionTests {

	@Test
	void failsTheTestThatLostAContextWithTheSiteInTheMessage() {
		run("losesAContext").assertThatEvents()
			.haveExactly(1, EventConditions.event(EventConditions.test("losesAContext"), EventConditions
				.finishedWithFailure(TestExecutionResultConditions.instanceOf(AssertionError.class),
						TestExecutionResultConditions.message((text) -> text
							.contains("context lost: internal span 'detached work' started without a "
									+ "parent on thread 'detached-worker' at com.acme.checkout.ContextLossExamples$Worker")))));
	}

	@Test
	void failsTheTestThatWroteAnApplicationLineOutsideAnyTrace() {
		run("writesOutsideATrace").assertThatEvents()
			.haveExactly(1, EventConditions.event(EventConditions.test("writesOutsideATrace"),
					EventConditions.finishedWithFailure(TestExecutionResultConditions.message((text) -> text.contains(
							"log line outside any trace from logger 'com.acme.checkout.ContextLossExamples$Worker' "
									+ "on thread 'chatty-worker'")))));
	}

	@Test
	void passesATestWhoseOwnThreadStartsATrace() {
		Events events = run("startsItsOwnTraceOnTheTestThread");
		events.assertThatEvents()
			.haveExactly(1, EventConditions.event(EventConditions.test("startsItsOwnTraceOnTheTestThread"),
					EventConditions.finishedSuccessfully()));
		assertThat(events.failed().count()).isZero();
	}

	private static Events run(String method) {
		return EngineTestKit.engine("junit-jupiter")
			.selectors(DiscoverySelectors.selectMethod("com.acme.checkout.ContextLossExamples#" + method))
			.execute()
			.testEvents();
	}

}
