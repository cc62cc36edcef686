/**
 * The WebFlux application of the HTTP load run, the same in every variant.
 */
package io.github.correlation.benchmarks.webflux;
