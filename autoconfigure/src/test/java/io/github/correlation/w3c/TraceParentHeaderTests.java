package io.github.correlation.w3c;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TraceParentHeaderTests {

	private static final String VALID = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	@Test
	void acceptsVersion00() {
		assertThat(TraceParentHeader.normalize(VALID)).isEqualTo(VALID);
	}

	@Test
	void trimsOptionalWhitespace() {
		assertThat(TraceParentHeader.normalize(" \t" + VALID + "\t ")).isEqualTo(VALID);
	}

	@Test
	void rewritesHigherVersionsAsVersion00AndIgnoresTheRest() {
		assertThat(TraceParentHeader.normalize("cc" + VALID.substring(2) + "-future-fields")).isEqualTo(VALID);
		assertThat(TraceParentHeader.normalize("01" + VALID.substring(2))).isEqualTo(VALID);
	}

	@Test
	void keepsFlagsIncludingTheRandomTraceIdFlag() {
		String random = VALID.substring(0, 53) + "03";
		assertThat(TraceParentHeader.normalize(random)).isEqualTo(random);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "00", "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01.",
			"cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01.extra",
			"00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
			"00-00000000000000000000000000000000-b7ad6b7169203331-01",
			"00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0g",
			"00_0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
			"0-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
			"00-0af7651916cd43dd8448eb211c80319-b7ad6b7169203331-01",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333-01",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-1",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\nx: y" })
	void rejectsMalformedValues(String value) {
		assertThat(TraceParentHeader.normalize(value)).isNull();
	}

	@Test
	void rejectsMoreThanOneHeader() {
		assertThat(TraceParentHeader.normalize(List.of(VALID, VALID).iterator())).isNull();
	}

	@Test
	void returnsNullWhenAbsent() {
		assertThat(TraceParentHeader.normalize(List.<String>of().iterator())).isNull();
	}

}
