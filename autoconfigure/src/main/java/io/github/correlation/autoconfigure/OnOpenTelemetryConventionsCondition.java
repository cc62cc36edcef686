package io.github.correlation.autoconfigure;

import java.util.Locale;

import io.github.correlation.autoconfigure.ConventionsProperties.Conventions;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code correlation.conventions} is {@code opentelemetry}, read the way the
 * property binds (any case, dashes ignored), so that the condition and the bound value
 * never disagree; a value that does not bind fails the startup, naming the property.
 *
 * @author Correlation contributors
 */
class OnOpenTelemetryConventionsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Conventions conventions = Binder.get(context.getEnvironment())
			.bind("correlation.conventions", Conventions.class)
			.orElse(Conventions.MICROMETER);
		ConditionMessage.Builder message = ConditionMessage.forCondition("correlation.conventions");
		return (conventions == Conventions.OPENTELEMETRY) ? ConditionOutcome.match(message.because("opentelemetry"))
				: ConditionOutcome.noMatch(message.because(conventions.name().toLowerCase(Locale.ROOT)));
	}

}
