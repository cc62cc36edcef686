/**
 * Correlation of outgoing HTTP requests from clients that were built without Boot's
 * builders.
 */
@NullMarked
package io.github.correlation.web.client;

import org.jspecify.annotations.NullMarked;
