package io.github.correlation.logging;

import org.slf4j.MDC;

/**
 * Changes the MDC only where a value really changes. Scope events repeat the same ids
 * many times per request, and every write makes Logback copy the thread's MDC map again
 * for the next log line.
 *
 * @author Correlation contributors
 */
final class MdcEntries {

	private MdcEntries() {
	}

	static void put(String key, String value) {
		if (!value.equals(MDC.get(key))) {
			MDC.put(key, value);
		}
	}

	static void remove(String key) {
		if (MDC.get(key) != null) {
			MDC.remove(key);
		}
	}

}
