package com.acme.checkout;

import io.github.correlation.testkit.AuditCorrelation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * A user's own {@code @SpringBootTest} class, run by
 * {@code CorrelationAuditExtensionTests} through the JUnit engine: two of its tests break
 * the trace context, one does not. Not run by the build on its own.
 */
@SpringBootTest(classes = ContextLossExamples.Application.class, webEnvironment = WebEnvironment.NONE)
@AuditCorrelation
class ContextLossExamples {

	@Autowired
	private Worker worker;

	@Test
	void losesAContext() throws InterruptedException {
		this.worker.detached();
	}

	@Test
	void writesOutsideATrace() throws InterruptedException {
		this.worker.chatty();
	}

	@Test
	void startsItsOwnTraceOnTheTestThread() {
		this.worker.observed();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Worker.class)
	static class Application {

	}

	static class Worker {

		private static final Logger logger = LoggerFactory.getLogger(Worker.class);

		private final ObservationRegistry registry;

		Worker(ObservationRegistry registry) {
			this.registry = registry;
		}

		void detached() throws InterruptedException {
			run(new Thread(this::observed, "detached-worker"));
		}

		void chatty() throws InterruptedException {
			run(new Thread(() -> logger.info("working outside any trace"), "chatty-worker"));
		}

		void observed() {
			Observation.createNotStarted("detached work", this.registry)
				.observe(() -> logger.info("working inside a trace"));
		}

		private static void run(Thread thread) throws InterruptedException {
			thread.start();
			thread.join();
		}

	}

}
