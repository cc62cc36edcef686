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
	void dropsMembersThatBreakTheGrammarOnTheirOwn() {
		List<String> invalid = List.of("no-equals", "user id=1", "a;b=1", "k=caf\u00e9", "k=a b", "k=\"q\"", "=v",
				"k=v;p q=1", "k=v;=1", "k=\u001b[31m", "k=back\\slash");
		for (String member : invalid) {
			assertThat(BaggageHeader.limit(List.of("first=1," + member + ",last=2").iterator())).as(member)
				.isEqualTo("first=1,last=2");
			assertThat(BaggageHeader.isValid(List.of(member).iterator())).as(member).isFalse();
		}
		assertThat(BaggageHeader.limit(List.of("k = v ; p ; q = 1,e=,pct=%C3%A9%2C").iterator()))
			.isEqualTo("k = v ; p ; q = 1,e=,pct=%C3%A9%2C");
	}

	@Test
	void returnsNullWithoutMembers() {
		assertThat(BaggageHeader.limit(List.of("", " , ").iterator())).isNull();
		assertThat(BaggageHeader.limit("")).isEmpty();
	}

}
