/**
 * Correlation of WebFlux requests: the server observation's context on the threads that
 * run the request's work, and the lines written for it.
 */
@NullMarked
package io.github.correlation.web.reactive;

import org.jspecify.annotations.NullMarked;
