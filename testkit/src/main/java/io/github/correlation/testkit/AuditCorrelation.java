package io.github.correlation.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails every test of a {@code @SpringBootTest} class during which the application lost a
 * trace context, received a hop without one, or wrote an application log line outside any
 * trace, with the audit's report line in the failure message. Puts "every boundary
 * extracts, processes and injects" into the build: a change that adds an uninstrumented
 * consumer or async hop fails the test that exercises it.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see CorrelationAuditExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CorrelationAuditExtension.class)
public @interface AuditCorrelation {

	/**
	 * Whether a hop that arrives without a trace context fails the test.
	 * @return {@code true} to fail on hops without context
	 */
	boolean hopsWithoutContext() default true;

	/**
	 * Whether an application log line written outside any trace fails the test.
	 * @return {@code true} to fail on uncorrelated log lines
	 */
	boolean uncorrelatedLogs() default true;

}
