/**
 * The orders service of the checkout demo.
 */
@NullMarked
package io.github.correlation.samples.orders;

import org.jspecify.annotations.NullMarked;
