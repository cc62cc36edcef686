package io.github.correlation.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.json.JsonWriter.MemberPath;
import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Gives the correlation members of Boot's Elastic Common Schema format their ECS names:
 * {@code trace.id}, {@code span.id} and {@code http.request.id}, written as dotted
 * top-level members the way Elastic's own ECS loggers write them. What ECS has no field
 * for, the trace flags and the baggage fields the starter logs, goes under ECS's custom
 * {@code labels} ({@code labels.trace_flags}, {@code labels.user_id}), so an ECS line
 * holds ECS fields only. Logstash and GELF keep the MDC names ({@code trace_id}, and
 * {@code _trace_id} as GELF requires for additional fields).
 * <p>
 * Boot applies every customizer listed in {@code spring.factories} to every structured
 * format without saying which one it builds, so the ECS layout is recognised from its own
 * members ({@code log.level}, {@code ecs.version}), which Boot writes before the MDC.
 * Where no ECS format is configured, it changes nothing.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class CorrelationJsonMembersCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

	private final boolean enabled;

	private final Map<String, String> ecsNames;

	private volatile boolean ecs;

	/**
	 * Create a customizer configured from the environment.
	 * @param environment the environment
	 */
	public CorrelationJsonMembersCustomizer(Environment environment) {
		this(environment, isEcsConfigured(environment));
	}

	private CorrelationJsonMembersCustomizer(CorrelationLoggingProperties logging, RequestIdProperties requestId,
			boolean ecsConfigured, List<String> baggageFields) {
		this(logging.isEnabled() && ecsConfigured, ecsNames(logging, requestId, baggageFields));
	}

	private CorrelationJsonMembersCustomizer(Environment environment, boolean ecsConfigured) {
		this(PropertySupport.bind(environment, CorrelationLoggingProperties.class),
				PropertySupport.bind(environment, RequestIdProperties.class), ecsConfigured,
				ecsConfigured ? baggageFields(environment) : List.of());
	}

	private static Map<String, String> ecsNames(CorrelationLoggingProperties logging, RequestIdProperties requestId,
			List<String> baggageFields) {
		Map<String, String> names = new HashMap<>();
		baggageFields.forEach((field) -> names.put(field, "labels." + field.replace('.', '_')));
		CorrelationLoggingProperties.Mdc mdc = logging.getMdc();
		names.put(mdc.getTraceFlags(), "labels." + mdc.getTraceFlags().replace('.', '_'));
		names.put(mdc.getTraceId(), "trace.id");
		names.put(mdc.getSpanId(), "span.id");
		names.put(requestId.getField(), "http.request.id");
		return Map.copyOf(names);
	}

	private static List<String> baggageFields(Environment environment) {
		Binder binder = Binder.get(environment);
		List<String> fields = new ArrayList<>();
		for (String property : List.of("management.tracing.baggage.remote-fields",
				"management.tracing.baggage.correlation.fields")) {
			fields.addAll(binder.bind(property, Bindable.listOf(String.class)).orElse(List.of()));
		}
		return fields;
	}

	// A name processor runs for every member of every line: it is only worth its cost
	// where an ECS layout is configured
	private static boolean isEcsConfigured(Environment environment) {
		return "ecs".equalsIgnoreCase(environment.getProperty("logging.structured.format.console"))
				|| "ecs".equalsIgnoreCase(environment.getProperty("logging.structured.format.file"));
	}

	CorrelationJsonMembersCustomizer(boolean enabled, Map<String, String> ecsNames) {
		this.enabled = enabled;
		this.ecsNames = ecsNames;
	}

	@Override
	public void customize(Members<Object> members) {
		if (this.enabled) {
			members.applyingNameProcessor(this::rename);
		}
	}

	String rename(MemberPath path, String existingName) {
		MemberPath parent = path.parent();
		if (parent == null) {
			return existingName;
		}
		if (parent.parent() == null) {
			String ecsName = this.ecs ? this.ecsNames.get(existingName) : null;
			return (ecsName != null) ? ecsName : existingName;
		}
		if (isEcsMember(parent.name(), path.name())) {
			this.ecs = true;
		}
		return existingName;
	}

	private static boolean isEcsMember(@Nullable String parent, @Nullable String name) {
		return ("log".equals(parent) && "level".equals(name)) || ("ecs".equals(parent) && "version".equals(name));
	}

}
