package com.acme.orders;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * An application that breaks its hops the ways real code does: an executor created
 * inline, a {@code new Thread}, a client built inside a method, a record sent from a
 * thread of its own. It lives outside the starter's packages, as application code does.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableScheduling
@Import({ BrokenHopsApplication.Hops.class, BrokenHopsApplication.Ticker.class, BrokenHopsApplication.Events.class })
public class BrokenHopsApplication {

	@RestController
	static class Hops {

		private static final Logger logger = LoggerFactory.getLogger(Hops.class);

		private final RestClient restClient;

		private final KafkaTemplate<Object, Object> kafka;

		Hops(RestClient.Builder builder, KafkaTemplate<Object, Object> kafka) {
			this.restClient = builder.build();
			this.kafka = kafka;
		}

		@GetMapping("/internal/{id}")
		String internal(@PathVariable String id) {
			logger.info("internal {}", id);
			return "internal " + id;
		}

		@GetMapping("/propagated")
		String propagated(@RequestParam String url) {
			return this.restClient.get().uri(url).retrieve().body(String.class);
		}

		@GetMapping("/inline-executor")
		String inlineExecutor(@RequestParam String url) throws Exception {
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				return executor.submit(() -> this.restClient.get().uri(url).retrieve().body(String.class)).get();
			}
			finally {
				executor.shutdown();
			}
		}

		@GetMapping("/new-thread")
		String newThread(@RequestParam String url) throws InterruptedException {
			AtomicReference<String> body = new AtomicReference<>();
			Thread thread = new Thread(() -> {
				logger.info("calling {} on a thread of its own", url);
				body.set(this.restClient.get().uri(url).retrieve().body(String.class));
			}, "orders-notifier");
			thread.start();
			thread.join();
			return body.get();
		}

		@GetMapping("/method-client")
		String methodClient(@RequestParam String url) {
			return RestClient.create().get().uri(url).retrieve().body(String.class);
		}

		@GetMapping("/detached-send")
		String detachedSend(@RequestParam String topic) throws InterruptedException {
			Thread thread = new Thread(() -> this.kafka.send(topic, "detached").join(), "orders-publisher");
			thread.start();
			thread.join();
			return "sent";
		}

	}

	static class Ticker {

		private static final Logger logger = LoggerFactory.getLogger(Ticker.class);

		@Scheduled(fixedDelay = 100)
		void tick() {
			logger.debug("tick");
		}

	}

	static class Events {

		private static final Logger logger = LoggerFactory.getLogger(Events.class);

		@KafkaListener(topics = "partner-events", groupId = "orders", autoStartup = "${test.kafka:false}")
		void onEvent(String event) {
			logger.info("event {}", event);
		}

	}

}
