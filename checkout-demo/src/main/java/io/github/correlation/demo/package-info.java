/**
 * The checkout demo without Docker: a real Kafka broker, an OTLP receiver and the three
 * services as separate JVMs.
 */
@NullMarked
package io.github.correlation.demo;

import org.jspecify.annotations.NullMarked;
