package io.github.correlation.testkit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.correlation.audit.CorrelationReport;
import io.github.correlation.audit.ExpectedRoot;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Fails a test of a {@code @SpringBootTest} class during which the application lost a
 * trace context (a root span inside an internal operation), received a hop without one,
 * or wrote an application log line outside any trace. The failure message carries the
 * audit's report line: the span, the thread and the code that started the work without a
 * context. Use it through {@link AuditCorrelation @AuditCorrelation}.
 * <p>
 * The test method itself is an entry point, like a request: spans it starts on its own
 * thread are roots (see {@link ExpectedRoot}); the work it hands to the application is
 * audited as in production.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CorrelationAuditExtension implements BeforeEachCallback, InvocationInterceptor, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(CorrelationAuditExtension.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		CorrelationReport report = report(context);
		context.getStore(NAMESPACE).put(Counts.class, Counts.of(report.report()));
	}

	@Override
	public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
			ExtensionContext extensionContext) throws Throwable {
		Throwable[] failure = new Throwable[1];
		ExpectedRoot.run(() -> {
			try {
				invocation.proceed();
			}
			catch (Throwable ex) {
				failure[0] = ex;
			}
		});
		if (failure[0] != null) {
			throw failure[0];
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		Counts before = context.getStore(NAMESPACE).remove(Counts.class, Counts.class);
		if (before == null) {
			return;
		}
		AuditCorrelation settings = AnnotatedElementUtils.findMergedAnnotation(context.getRequiredTestClass(),
				AuditCorrelation.class);
		List<String> problems = before.newProblems(report(context).report(), settings);
		if (!problems.isEmpty()) {
			throw new AssertionError("The trace context broke during " + context.getDisplayName() + ":\n  "
					+ String.join("\n  ", problems));
		}
	}

	private static CorrelationReport report(ExtensionContext context) {
		ApplicationContext applicationContext = SpringExtension.getApplicationContext(context);
		return applicationContext.getBeanProvider(CorrelationReport.class).getIfAvailable(() -> {
			throw new IllegalStateException("No CorrelationReport bean: @AuditCorrelation needs the correlation "
					+ "starter with correlation.audit.enabled=true");
		});
	}

	/**
	 * How often each problem had been seen when a test started.
	 *
	 * @param counts occurrences by problem key
	 */
	private record Counts(Map<String, Long> counts) {

		static Counts of(CorrelationReport.Report report) {
			Map<String, Long> counts = new HashMap<>();
			report.contextLosses().forEach((loss) -> counts.put(key(loss), loss.count()));
			report.missingContext().forEach((hop) -> counts.put(key(hop), hop.count()));
			report.uncorrelatedLogs().forEach((logs) -> counts.put(key(logs), logs.count()));
			return new Counts(counts);
		}

		List<String> newProblems(CorrelationReport.Report report, AuditCorrelation settings) {
			List<String> problems = new ArrayList<>();
			for (CorrelationReport.ContextLoss loss : report.contextLosses()) {
				add(problems, key(loss), loss.count(), loss.message());
			}
			if (settings == null || settings.hopsWithoutContext()) {
				for (CorrelationReport.MissingContext hop : report.missingContext()) {
					add(problems, key(hop), hop.count(), hop.message().isEmpty()
							? "hop without context: " + hop.boundary() + " " + hop.tag() + " '" + hop.target() + "'"
							: hop.message());
				}
			}
			if (settings == null || settings.uncorrelatedLogs()) {
				for (CorrelationReport.UncorrelatedLogs logs : report.uncorrelatedLogs()) {
					add(problems, key(logs), logs.count(), "log line outside any trace from logger '" + logs.logger()
							+ "' on thread '" + logs.thread() + "'");
				}
			}
			return problems;
		}

		private void add(List<String> problems, String key, long count, String message) {
			long since = count - this.counts.getOrDefault(key, 0L);
			if (since > 0) {
				problems.add(message + ((since > 1) ? " (" + since + " times)" : ""));
			}
		}

		private static String key(CorrelationReport.ContextLoss loss) {
			return "loss " + loss.kind() + " " + loss.span();
		}

		private static String key(CorrelationReport.MissingContext hop) {
			return "hop " + hop.boundary() + " " + hop.target();
		}

		private static String key(CorrelationReport.UncorrelatedLogs logs) {
			return "log " + logs.logger();
		}

	}

}
