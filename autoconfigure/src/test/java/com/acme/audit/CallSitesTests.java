package com.acme.audit;

import java.util.List;

import io.github.correlation.audit.CallSites;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telling application code from framework code.
 */
class CallSitesTests {

	@Test
	void frameworksTheJdkAndTheStarterAreNotApplicationCode() {
		CallSites callSites = new CallSites(List.of("com.acme.platform"), 64);
		assertThat(callSites.isFramework("org.springframework.web.client.RestClient")).isTrue();
		assertThat(callSites.isFramework("java.util.concurrent.ThreadPoolExecutor")).isTrue();
		assertThat(callSites.isFramework("io.github.correlation.task.TaskContext")).isTrue();
		assertThat(callSites.isFramework("com.acme.platform.Clients")).isTrue();
		assertThat(callSites.isFramework("io.github.correlation.audit")).isTrue();
		assertThat(callSites.isFramework("io.github.correlation.auditor")).isFalse();
		assertThat(callSites.isFramework("com.acme.platformer.Orders")).isFalse();
		assertThat(callSites.isFramework("com.acme.orders.OrderService")).isFalse();
		assertThat(callSites.isFramework("io.github.correlation.samples.orders.OrderController")).isFalse();
	}

}
