package io.github.correlation;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.github.correlation.requestid.RequestIdPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdGeneratorTests {

	@Test
	void randomUuidGeneratesVersion4Uuids() {
		RequestIdGenerator generator = RequestIdGenerator.randomUuid();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String id = generator.generate();
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(new RequestIdPolicy(RequestIdPolicy.DEFAULT_MAX_LENGTH).isValid(id)).isTrue();
			ids.add(id);
		}
		assertThat(ids).hasSize(1000);
	}

}
