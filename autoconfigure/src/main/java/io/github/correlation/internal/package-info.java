/**
 * Access to framework internals that have no public API, kept in one place: each access
 * names the Spring version it was verified against and warns, naming the bean, when the
 * framework has moved; and the small pieces several boundaries share. Not an API.
 */
@NullMarked
package io.github.correlation.internal;

import org.jspecify.annotations.NullMarked;
