/**
 * The smoke-test application: a plain Boot service with the starter, checked from
 * outside.
 */
package io.github.correlation.smoke;
