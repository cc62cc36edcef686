/**
 * JMH benchmarks of the starter's hot paths, against the libraries they extend.
 */
package io.github.correlation.benchmarks;
