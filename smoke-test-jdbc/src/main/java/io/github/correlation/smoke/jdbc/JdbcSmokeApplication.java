package io.github.correlation.smoke.jdbc;

import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Boot service that keeps orders in a database through {@link JdbcTemplate}, observed
 * by datasource-micrometer: no web server, the starter its only correlation dependency.
 *
 * @author Correlation contributors
 */
@SpringBootApplication
public class JdbcSmokeApplication {

	public static void main(String[] args) {
		SpringApplication.run(JdbcSmokeApplication.class, args);
	}

	@Bean
	Orders orders(JdbcTemplate jdbc) {
		return new Orders(jdbc);
	}

	/**
	 * The orders table, written the ways applications write SQL: prepared statements, a
	 * batch, and a plain statement with its values in the text.
	 */
	public static class Orders {

		private final JdbcTemplate jdbc;

		Orders(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		public void place(String id, String card) {
			this.jdbc.update("insert into orders (id, card, status) values (?, ?, ?)", id, card, "PLACED");
		}

		public void placeAll(List<String> ids) {
			this.jdbc.batchUpdate("insert into orders (id, card, status) values (?, ?, ?)",
					ids.stream().map((id) -> new Object[] { id, "****0001", "PLACED" }).toList());
		}

		public List<Map<String, Object>> find(String id) {
			return this.jdbc.queryForList("select o.id, o.status from orders o where o.id = ?", id);
		}

		// The values written into the text, as some code still does
		public void markPaidInline(String id) {
			this.jdbc
				.update("update orders set status = 'PAID', total = 12.50 where id = '" + id.replace("'", "''") + "'");
		}

		public void readMissingTable() {
			this.jdbc.queryForList("select * from invoices");
		}

	}

}
