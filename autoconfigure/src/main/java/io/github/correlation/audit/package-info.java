/**
 * The propagation audit: root spans that prove a lost context, hops that arrive without
 * one, application log lines outside any trace, and the report that names them.
 */
@NullMarked
package io.github.correlation.audit;

import org.jspecify.annotations.NullMarked;
