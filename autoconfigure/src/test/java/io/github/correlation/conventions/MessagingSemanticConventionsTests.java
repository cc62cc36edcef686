package io.github.correlation.conventions;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingSemanticConventionsTests {

	@Test
	void keysWithACanonicalStringFormAreKept() {
		UUID id = UUID.randomUUID();
		assertThat(MessagingSemanticConventions.messageKey("order-1")).isEqualTo("order-1");
		assertThat(MessagingSemanticConventions.messageKey(42L)).isEqualTo("42");
		assertThat(MessagingSemanticConventions.messageKey(id)).isEqualTo(id.toString());
	}

	@Test
	void keysWithoutACanonicalStringFormAreLeftOut() {
		assertThat(MessagingSemanticConventions.messageKey(null)).isNull();
		assertThat(MessagingSemanticConventions.messageKey(new byte[] { 1, 2 })).isNull();
		assertThat(MessagingSemanticConventions.messageKey(new Object())).isNull();
	}

	@Test
	void theErrorTypeIsTheListenersOwnException() {
		assertThat(MessagingSemanticConventions.errorType(null)).isNull();
		assertThat(MessagingSemanticConventions.errorType(new IllegalStateException("no")))
			.isEqualTo("java.lang.IllegalStateException");
		assertThat(MessagingSemanticConventions
			.errorType(new ListenerExecutionFailedException("failed", new IllegalArgumentException("bad"))))
			.isEqualTo("java.lang.IllegalArgumentException");
		assertThat(MessagingSemanticConventions.errorType(new ListenerExecutionFailedException("failed")))
			.isEqualTo(ListenerExecutionFailedException.class.getName());
	}

	@Test
	void spanNamesAreOperationThenDestination() {
		assertThat(MessagingSemanticConventions.spanName("send", "orders.placed")).isEqualTo("send orders.placed");
	}

}
