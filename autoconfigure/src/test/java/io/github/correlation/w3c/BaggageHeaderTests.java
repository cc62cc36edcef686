package io.github.correlation.w3c;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BaggageHeaderTests {

	@Test
	void combinesSeveralHeaders() {
		assertThat(BaggageHeader.limit(List.of("a=1", "b=2;p=v, c=3").iterator())).isEqualTo("a=1,b=2;p=v,c=3");
	}

	@Test
	void keepsSixtyFourMembersAndDropsTheRest() {
		List<String> members = new ArrayList<>();
		for (int i = 0; i < 70; i++) {
			members.add("k" + i + "=v");
		}
		String limited = BaggageHeader.limit(List.of(String.join(",", members)).iterator());
		assertThat(limited.split(",")).hasSize(64).endsWith("k63=v");
	}

	@Test
	void keepsWholeMembersWithin8192Bytes() {
		String big = "big=" + "x".repeat(5000);
		String limited = BaggageHeader.limit(List.of("small=1", big, big, "after=1").iterator());
		assertThat(limited).isEqualTo("small=1," + big);
		assertThat(limited.length()).isLessThanOrEqualTo(8192);
	}

	@Test
	void countsBytesNotCharacters() {
		String member = "k=" + "é".repeat(4096);
		assertThat(BaggageHeader.limit(List.of(member).iterator())).isNull();
	}

	@Test
	void returnsNullWithoutMembers() {
		assertThat(BaggageHeader.limit(List.of("", " , ").iterator())).isNull();
		assertThat(BaggageHeader.limit("")).isEmpty();
	}

}
