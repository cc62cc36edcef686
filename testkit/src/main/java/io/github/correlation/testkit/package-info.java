/**
 * Trace test support: an in-process OTLP/HTTP receiver, trace assembly and a text
 * waterfall.
 */
@NullMarked
package io.github.correlation.testkit;

import org.jspecify.annotations.NullMarked;
