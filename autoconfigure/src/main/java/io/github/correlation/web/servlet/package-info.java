/**
 * Correlation of servlet requests: the server observation, response headers and the error
 * dispatch.
 */
@NullMarked
package io.github.correlation.web.servlet;

import org.jspecify.annotations.NullMarked;
