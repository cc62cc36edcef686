/**
 * The edge trust policy: which inbound requests and records are trusted, what an
 * untrusted one may bring in, and what leaves for hosts that are not ours.
 */
@NullMarked
package io.github.correlation.edge;

import org.jspecify.annotations.NullMarked;
