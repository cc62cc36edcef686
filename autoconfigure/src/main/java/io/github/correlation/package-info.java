/**
 * Request correlation across service boundaries: request ids and the rules they follow.
 */
@NullMarked
package io.github.correlation;

import org.jspecify.annotations.NullMarked;
