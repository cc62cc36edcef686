/**
 * Auto-configuration: when each correlation boundary is set up, and with which
 * properties.
 */
@NullMarked
package io.github.correlation.autoconfigure;

import org.jspecify.annotations.NullMarked;
