/**
 * What servlet and WebFlux servers share: the correlation headers of a response.
 */
@NullMarked
package io.github.correlation.web;

import org.jspecify.annotations.NullMarked;
