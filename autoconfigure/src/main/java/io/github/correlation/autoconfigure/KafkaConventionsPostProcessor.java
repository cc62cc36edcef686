package io.github.correlation.autoconfigure;

import io.github.correlation.conventions.SendResultRecorder;
import io.github.correlation.internal.FrameworkFields;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.micrometer.KafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservationConvention;

/**
 * Gives the Kafka templates, listener container factories and listener containers that
 * the application built itself the observation conventions Boot gives its own (the
 * application's convention beans, else the OpenTelemetry ones), where they have none of
 * their own, and records each template's acknowledgements for its send spans.
 *
 * @author Correlation contributors
 */
final class KafkaConventionsPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<KafkaTemplateObservationConvention> templateConvention;

	private final ObjectProvider<KafkaListenerObservationConvention> listenerConvention;

	private final ObjectProvider<ObservationRegistry> observationRegistry;

	KafkaConventionsPostProcessor(ObjectProvider<KafkaTemplateObservationConvention> templateConvention,
			ObjectProvider<KafkaListenerObservationConvention> listenerConvention,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		this.templateConvention = templateConvention;
		this.listenerConvention = listenerConvention;
		this.observationRegistry = observationRegistry;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof KafkaTemplate<?, ?> template) {
			apply(template, beanName);
		}
		else if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
			apply(factory.getContainerProperties());
		}
		else if (bean instanceof AbstractMessageListenerContainer<?, ?> container) {
			apply(container.getContainerProperties());
		}
		return bean;
	}

	private <K, V> void apply(KafkaTemplate<K, V> template, String beanName) {
		FrameworkFields.FieldValue<KafkaTemplateObservationConvention> convention = FrameworkFields.read(template,
				"observationConvention", KafkaTemplateObservationConvention.class, beanName,
				"Its sends keep the observation convention they have.");
		if (convention.present() && convention.value() == null) {
			this.templateConvention.ifUnique(template::setObservationConvention);
		}
		FrameworkFields.FieldValue<?> listener = FrameworkFields.read(template, "producerListener",
				ProducerListener.class, beanName, "Its send spans carry no partition and offset.");
		if (listener.present() && !(listener.value() instanceof SendResultRecorder)) {
			template.setProducerListener(new SendResultRecorder<>(producerListener(template, listener.value()),
					this.observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP)));
		}
	}

	@SuppressWarnings("unchecked")
	private static <K, V> @Nullable ProducerListener<K, V> producerListener(KafkaTemplate<K, V> template,
			@Nullable Object listener) {
		return (ProducerListener<K, V>) listener;
	}

	private void apply(ContainerProperties properties) {
		if (properties.getObservationConvention() == null) {
			this.listenerConvention.ifUnique(properties::setObservationConvention);
		}
	}

}
