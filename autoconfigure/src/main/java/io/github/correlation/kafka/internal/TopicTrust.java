package io.github.correlation.kafka.internal;

import java.util.List;

import io.github.correlation.edge.InboundTrust;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.util.PatternMatchUtils;

/**
 * Records are internal, except those of the topics that producers outside write to
 * (webhooks, partners): {@code correlation.edge.untrusted-topics}.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class TopicTrust implements InboundTrust {

	private final String[] untrustedTopics;

	/**
	 * Create a new instance.
	 * @param untrustedTopics topic names or patterns ({@code *} matches any text)
	 */
	public TopicTrust(List<String> untrustedTopics) {
		this.untrustedTopics = untrustedTopics.toArray(String[]::new);
	}

	@Override
	public Trust trust(Object carrier) {
		if (!(carrier instanceof ConsumerRecord<?, ?> record)) {
			return Trust.ABSTAIN;
		}
		return PatternMatchUtils.simpleMatch(this.untrustedTopics, record.topic()) ? Trust.UNTRUSTED : Trust.TRUSTED;
	}

}
