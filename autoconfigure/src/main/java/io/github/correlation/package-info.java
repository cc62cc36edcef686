/**
 * The extension points every boundary shares, for applications to implement: how a
 * request id is generated ({@link io.github.correlation.RequestIdGenerator}) and how
 * every value of a header is read from a carrier
 * ({@link io.github.correlation.CarrierHeaders}). The rules live in {@code w3c} and
 * {@code requestid}, one package per boundary beside them.
 */
@NullMarked
package io.github.correlation;

import org.jspecify.annotations.NullMarked;
