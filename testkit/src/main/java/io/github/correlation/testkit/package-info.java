/**
 * Trace test support: an in-process OTLP/HTTP receiver, trace assembly, a text waterfall,
 * AssertJ assertions on traces and JSON log lines, a Jaeger query client and a Jaeger
 * container with a Spring Boot service connection.
 */
@NullMarked
package io.github.correlation.testkit;

import org.jspecify.annotations.NullMarked;
