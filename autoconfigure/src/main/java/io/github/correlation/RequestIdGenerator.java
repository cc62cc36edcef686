package io.github.correlation;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Strategy that creates a request id when an inbound request carries none, or an invalid
 * one. Declare a bean of this type to replace the default random UUID.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface RequestIdGenerator {

	/**
	 * Create a new request id. The result must satisfy
	 * {@link RequestIdPolicy#isValid(String)} for the configured policy, otherwise it is
	 * replaced by a random UUID.
	 * @return a new request id
	 */
	String generate();

	/**
	 * Generator of random (version 4) UUIDs. It draws from {@link ThreadLocalRandom}
	 * rather than {@link UUID#randomUUID()}, whose shared {@code SecureRandom} contends
	 * under load; request ids are correlation handles, not secrets.
	 * @return the UUID generator
	 */
	static RequestIdGenerator randomUuid() {
		return () -> {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			long most = (random.nextLong() & ~0xF000L) | 0x4000L;
			long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
			return new UUID(most, least).toString();
		};
	}

}
