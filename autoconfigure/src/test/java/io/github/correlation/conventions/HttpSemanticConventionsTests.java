package io.github.correlation.conventions;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class HttpSemanticConventionsTests {

	@Test
	void knowsTheMethodsOfRfc9110PatchAndQuery() {
		for (String method : new String[] { "CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT",
				"TRACE", "QUERY" }) {
			assertThat(HttpSemanticConventions.method(method)).isEqualTo(method);
			assertThat(HttpSemanticConventions.spanNameMethod(method)).isEqualTo(method);
		}
		assertThat(HttpSemanticConventions.method("get")).isEqualTo("_OTHER");
		assertThat(HttpSemanticConventions.method("FOO")).isEqualTo("_OTHER");
		assertThat(HttpSemanticConventions.method(null)).isEqualTo("_OTHER");
		assertThat(HttpSemanticConventions.spanNameMethod("FOO")).isEqualTo("HTTP");
	}

	@Test
	void protocolVersionIsTheVersionAlone() {
		assertThat(HttpSemanticConventions.protocolVersion("HTTP/1.1")).isEqualTo("1.1");
		assertThat(HttpSemanticConventions.protocolVersion("HTTP/1.0")).isEqualTo("1.0");
		assertThat(HttpSemanticConventions.protocolVersion("HTTP/2.0")).isEqualTo("2");
		assertThat(HttpSemanticConventions.protocolVersion("HTTP/2")).isEqualTo("2");
		assertThat(HttpSemanticConventions.protocolVersion("HTTP/3")).isEqualTo("3");
		assertThat(HttpSemanticConventions.protocolVersion("HTTP/")).isNull();
		assertThat(HttpSemanticConventions.protocolVersion("SPDY/3")).isNull();
		assertThat(HttpSemanticConventions.protocolVersion(null)).isNull();
	}

	@Test
	void errorTypeIsTheExceptionOrAnErrorStatus() {
		assertThat(HttpSemanticConventions.errorType(new IOException(), 200, false)).isEqualTo("java.io.IOException");
		assertThat(HttpSemanticConventions.errorType(null, 500, false)).isEqualTo("500");
		assertThat(HttpSemanticConventions.errorType(null, 404, false)).isNull();
		assertThat(HttpSemanticConventions.errorType(null, 404, true)).isEqualTo("404");
		assertThat(HttpSemanticConventions.errorType(null, 302, true)).isNull();
		assertThat(HttpSemanticConventions.errorType(null, null, true)).isNull();
		ResponseStatusException notFound = new ResponseStatusException(HttpStatus.NOT_FOUND);
		assertThat(HttpSemanticConventions.errorType(notFound, 404, false)).isNull();
		assertThat(HttpSemanticConventions.errorType(notFound, 404, true))
			.isEqualTo(ResponseStatusException.class.getName());
		assertThat(HttpSemanticConventions.errorType(new ResponseStatusException(HttpStatus.BAD_GATEWAY), 502, false))
			.isEqualTo(ResponseStatusException.class.getName());
	}

	@Test
	void redactsTheSensitiveQueryParametersAndCredentials() {
		assertThat(HttpSemanticConventions.redactQuery("q=1&sig=abc&Signature=x&X-Goog-Signature=y&AWSAccessKeyId=z"))
			.isEqualTo("q=1&sig=REDACTED&Signature=REDACTED&X-Goog-Signature=REDACTED&AWSAccessKeyId=REDACTED");
		assertThat(HttpSemanticConventions.redactQuery("signature=kept&xsig=kept"))
			.isEqualTo("signature=kept&xsig=kept");
		assertThat(HttpSemanticConventions.redactUrl("https://user:pw@example.com/a?sig=1#top"))
			.isEqualTo("https://REDACTED:REDACTED@example.com/a?sig=REDACTED#top");
		assertThat(HttpSemanticConventions.redactUrl("http://example.com:8080/a"))
			.isEqualTo("http://example.com:8080/a");
	}

}
