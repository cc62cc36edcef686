/**
 * The JDBC smoke-test application: a Boot service with a database, datasource-micrometer
 * and the starter, checked from outside.
 */
package io.github.correlation.smoke.jdbc;
