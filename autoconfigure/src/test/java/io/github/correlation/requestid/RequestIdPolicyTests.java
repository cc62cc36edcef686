package io.github.correlation.requestid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RequestIdPolicyTests {

	private final RequestIdPolicy policy = new RequestIdPolicy(RequestIdPolicy.DEFAULT_MAX_LENGTH);

	@ParameterizedTest
	@ValueSource(strings = { "abc-123", "0f8fad5b-d9cb-469f-a165-70867728950e",
			"Root=1-67891233-abcdef012345678912345678", "svc:a/b+c=d@e_f.g" })
	void acceptsSafeIds(String id) {
		assertThat(this.policy.isValid(id)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "with space", "crlf\r\ninjected: yes", "tab\tx", "quote\"", "semi;colon", "comma,x",
			"ünïcode", "<script>" })
	void rejectsUnsafeIds(String id) {
		assertThat(this.policy.isValid(id)).isFalse();
	}

	@Test
	void rejectsNull() {
		assertThat(this.policy.isValid(null)).isFalse();
	}

	@Test
	void boundsTheLength() {
		assertThat(this.policy.isValid("a".repeat(128))).isTrue();
		assertThat(this.policy.isValid("a".repeat(129))).isFalse();
		assertThat(new RequestIdPolicy(40).isValid("a".repeat(41))).isFalse();
	}

	@Test
	void requiresAMaximumThatFitsAGeneratedUuid() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestIdPolicy(35));
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestIdPolicy(1025));
	}

}
