/**
 * The gateway of the checkout demo.
 */
@NullMarked
package io.github.correlation.samples.gateway;

import org.jspecify.annotations.NullMarked;
