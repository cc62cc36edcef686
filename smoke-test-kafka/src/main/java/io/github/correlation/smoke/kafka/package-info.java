/**
 * The Kafka-only smoke-test application: a Boot service with Kafka and the starter and no
 * web server, checked from outside.
 */
package io.github.correlation.smoke.kafka;
