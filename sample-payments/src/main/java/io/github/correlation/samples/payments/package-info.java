/**
 * The payments service of the checkout demo.
 */
@NullMarked
package io.github.correlation.samples.payments;

import org.jspecify.annotations.NullMarked;
