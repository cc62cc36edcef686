package io.github.correlation.w3c;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TraceStateHeaderTests {

	@Test
	void combinesSeveralHeadersIntoOneListInOrder() {
		assertThat(TraceStateHeader.normalize(List.of("foo=1,bar=2", "rojo=1", "", "baz=3").iterator()))
			.isEqualTo("foo=1,bar=2,rojo=1,baz=3");
	}

	@Test
	void acceptsAnEmptyHeader() {
		assertThat(TraceStateHeader.normalize(List.of("").iterator())).isEmpty();
		assertThat(TraceStateHeader.normalize(List.of(" , ,\t").iterator())).isEmpty();
	}

	@Test
	void dropsOptionalWhitespaceAroundMembers() {
		assertThat(TraceStateHeader.normalize(List.of("foo=1 \t , \t bar=2").iterator())).isEqualTo("foo=1,bar=2");
	}

	@Test
	void acceptsThirtyTwoMembersAndRejectsThirtyThree() {
		assertThat(TraceStateHeader.normalize(List.of(members(32)).iterator())).isNotNull();
		assertThat(TraceStateHeader.normalize(List.of(members(33)).iterator())).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1vendor=x", "tenant@system=y", "foo@=1", "foo@@bar=1", "foo@bar@baz=1", "a-b_c*d/e=1" })
	void acceptsEveryKeyOfTheNewestGrammar(String list) {
		assertThat(TraceStateHeader.normalize(List.of(list + ",bar=2").iterator())).isEqualTo(list + ",bar=2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "FOO=1", "foo.bar=1", "foo =1", "@foo=1", "_foo=1", "foo=bar=baz", "foo=", "=1", "foo",
			"foo=1 x\u0001", "foo=a,b" + "=c,d" })
	void rejectsInvalidLists(String list) {
		assertThat(TraceStateHeader.normalize(List.of(list).iterator())).as(list).isNull();
	}

	@Test
	void keepsTheLeftMostMemberOfARepeatedKey() {
		assertThat(TraceStateHeader.normalize(List.of("foo=1,bar=2,foo=2").iterator())).isEqualTo("foo=1,bar=2");
		assertThat(TraceStateHeader.normalize(List.of("foo=1", "foo=1").iterator())).isEqualTo("foo=1");
	}

	@Test
	void enforcesKeyLengths() {
		assertThat(TraceStateHeader.normalize(List.of("z".repeat(256) + "=1").iterator())).isNotNull();
		assertThat(TraceStateHeader.normalize(List.of("z".repeat(257) + "=1").iterator())).isNull();
		assertThat(TraceStateHeader.normalize(List.of("t".repeat(241) + "@" + "v".repeat(14) + "=1").iterator()))
			.isNotNull();
		assertThat(TraceStateHeader.normalize(List.of("t".repeat(242) + "@v=1").iterator())).isNotNull();
		assertThat(TraceStateHeader.normalize(List.of("t@" + "v".repeat(15) + "=1").iterator())).isNotNull();
		assertThat(TraceStateHeader.normalize(List.of("t".repeat(200) + "@" + "v".repeat(56) + "=1").iterator()))
			.isNull();
	}

	@Test
	void rejectsValuesThatEndWithASpaceOrAreTooLong() {
		assertThat(TraceStateHeader.normalize(List.of("foo=a b").iterator())).isNotNull();
		assertThat(TraceStateHeader.normalize(List.of("foo=" + "v".repeat(256)).iterator())).isNotNull();
		assertThat(TraceStateHeader.normalize(List.of("foo=" + "v".repeat(257)).iterator())).isNull();
	}

	@Test
	void truncatesToThirtyTwoMembersDroppingTheRightMost() {
		String truncated = TraceStateHeader.truncate(members(40));
		assertThat(truncated.split(",")).hasSize(32).startsWith("bar01=01").endsWith("bar32=32");
	}

	@Test
	void keepsListsUpTo512CharactersWhole() {
		String list = "a=" + "v".repeat(200) + ",b=" + "v".repeat(200) + ",c=" + "v".repeat(100);
		assertThat(list).hasSizeLessThanOrEqualTo(512);
		assertThat(TraceStateHeader.truncate(list)).isEqualTo(list);
	}

	@Test
	void dropsLongMembersFirstThenFromTheRightBeyond512Characters() {
		String longMember = "long=" + "v".repeat(200);
		List<String> members = new ArrayList<>(List.of("first=1", longMember));
		for (int i = 0; i < 30; i++) {
			members.add("k" + i + "=" + "x".repeat(12));
		}
		String truncated = TraceStateHeader.truncate(String.join(",", members));
		assertThat(truncated).hasSizeLessThanOrEqualTo(512).startsWith("first=1,k0=").doesNotContain("long=");
		String onlyShort = TraceStateHeader
			.truncate(String.join(",", members.subList(2, 32)) + "," + "z=" + "y".repeat(100));
		assertThat(onlyShort).hasSizeLessThanOrEqualTo(512).startsWith("k0=");
	}

	private static String members(int count) {
		List<String> members = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			members.add(String.format("bar%02d=%02d", i, i));
		}
		return String.join(",", members);
	}

}
