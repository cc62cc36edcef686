/**
 * Log lines on spans: WARN and ERROR lines become events of the span that is current
 * where they are written.
 */
@NullMarked
package io.github.correlation.logging.events;

import org.jspecify.annotations.NullMarked;
