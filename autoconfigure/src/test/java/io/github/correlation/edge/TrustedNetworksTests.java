package io.github.correlation.edge;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustedNetworksTests {

	private final TrustedNetworks networks = TrustedNetworks.parse(
			List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8", " 172.16.0.0/12 "), "correlation.edge.trusted-networks");

	@Test
	void matchesIpv4AndIpv6Networks() {
		assertThat(this.networks.contains("10.255.0.1")).isTrue();
		assertThat(this.networks.contains("11.0.0.1")).isFalse();
		assertThat(this.networks.contains("192.168.1.7")).isTrue();
		assertThat(this.networks.contains("192.168.1.8")).isFalse();
		assertThat(this.networks.contains("172.31.255.255")).isTrue();
		assertThat(this.networks.contains("172.32.0.0")).isFalse();
		assertThat(this.networks.contains("fd12:3456::1")).isTrue();
		assertThat(this.networks.contains("[fd12:3456::1]")).isTrue();
		assertThat(this.networks.contains("fe80::1")).isFalse();
	}

	@Test
	void ipv4MappedAddressesAreIpv4() {
		assertThat(this.networks.contains("::ffff:10.1.2.3")).isTrue();
	}

	@Test
	void nothingThatIsNotALiteralIsTrustedOrLookedUp() {
		assertThat(this.networks.contains(null)).isFalse();
		assertThat(this.networks.contains("")).isFalse();
		assertThat(this.networks.contains("localhost")).isFalse();
		assertThat(this.networks.contains("10.0.0.1, 8.8.8.8")).isFalse();
		assertThat(this.networks.contains("10.0.0")).isFalse();
		assertThat(this.networks.contains("abc")).isFalse();
	}

	@Test
	void anEmptyListTrustsNobody() {
		TrustedNetworks none = TrustedNetworks.parse(List.of(), "p");
		assertThat(none.isEmpty()).isTrue();
		assertThat(none.contains("127.0.0.1")).isFalse();
	}

	@Test
	void invalidNetworksNameTheProperty() {
		for (String invalid : List.of("10.0.0.0/33", "10.0.0.0/", "example.com/8", "10.0.0.256", "fd00::/129",
				"10.0.0.0/-1", "")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> TrustedNetworks.parse(List.of(invalid), "correlation.edge.trusted-networks"))
				.withMessageStartingWith("correlation.edge.trusted-networks must list networks in CIDR notation")
				.withMessageContaining("'" + invalid + "'");
		}
	}

}
