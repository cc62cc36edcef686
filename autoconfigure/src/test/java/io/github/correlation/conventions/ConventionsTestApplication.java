package io.github.correlation.conventions;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application whose annotated controller runs on both stacks: a route with a path
 * variable, a handler that fails and the root path.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ConventionsTestApplication.ItemsController.class)
class ConventionsTestApplication {

	@RestController
	@RequestMapping("/conventions")
	static class ItemsController {

		@GetMapping("/items/{id}")
		String item(@PathVariable String id) {
			return "item " + id;
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("failed on purpose");
		}

	}

}
