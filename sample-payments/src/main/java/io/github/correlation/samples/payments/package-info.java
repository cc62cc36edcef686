/**
 * The payments service of the checkout demo: a WebFlux service on Reactor Netty, with a
 * Kafka record listener.
 */
@NullMarked
package io.github.correlation.samples.payments;

import org.jspecify.annotations.NullMarked;
