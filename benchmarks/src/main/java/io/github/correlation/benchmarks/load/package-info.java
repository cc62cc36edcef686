/**
 * The load runs: the same application in several variants, side by side, each in its own
 * JVM.
 */
package io.github.correlation.benchmarks.load;
