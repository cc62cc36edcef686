package io.github.correlation.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTests {

	@Test
	void keepsAPrintableValueAsItIs() {
		String value = "card ****0002 declined";
		assertThat(Printable.of(value, 64)).isSameAs(value);
	}

	@Test
	void replacesControlAndFormatCharacters() {
		assertThat(Printable.of("a\r\nb\u0000c\u202Ed\u001B[31m", 64)).isEqualTo("a??b?c?d?[31m");
	}

	@Test
	void cutsALongValueWithAMarker() {
		assertThat(Printable.of("abcdefghij", 4)).isEqualTo("abcd...");
	}

	@Test
	void neverCutsASurrogatePairInTwo() {
		assertThat(Printable.of("ab\uD83D\uDE00cd", 3)).isEqualTo("ab...");
	}

	@Test
	void linesKeepsLineBreaksAndTabsOnly() {
		assertThat(Printable.lines("a\n\tat b\r\u0007", 64)).isEqualTo("a\n\tat b??");
	}

}
