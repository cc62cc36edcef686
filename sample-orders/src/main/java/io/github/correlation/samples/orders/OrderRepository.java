package io.github.correlation.samples.orders;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders in a relational table (H2 by default, PostgreSQL in compose). Each statement
 * runs in an observation named after it ({@code INSERT orders}, {@code UPDATE orders}),
 * so the waterfall shows the database work.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@Repository
public class OrderRepository {

	private static final String INSERT = "insert into orders (id, customer_id, items, amount_cents, status, created_at) "
			+ "values (?, ?, ?, ?, ?, ?)";

	private static final String UPDATE_STATUS = "update orders set status = ? where id = ?";

	private final JdbcClient jdbc;

	private final ObservationRegistry observations;

	private final String system;

	OrderRepository(JdbcClient jdbc, DataSource dataSource, ObservationRegistry observations) throws SQLException {
		this.jdbc = jdbc;
		this.observations = observations;
		try (Connection connection = dataSource.getConnection()) {
			this.system = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		}
	}

	/**
	 * Store a new order.
	 * @param order the order
	 */
	public void insert(Order order) {
		observe("INSERT", INSERT,
				() -> this.jdbc.sql(INSERT)
					.params(order.id(), order.customerId(), order.items(), order.amountCents(), order.status(),
							Timestamp.from(Instant.now()))
					.update());
	}

	/**
	 * Change the status of an order.
	 * @param id the order id
	 * @param status the new status
	 * @return whether the order exists
	 */
	public boolean updateStatus(String id, String status) {
		return observe("UPDATE", UPDATE_STATUS, () -> this.jdbc.sql(UPDATE_STATUS).params(status, id).update()) == 1;
	}

	/**
	 * Return the status of an order.
	 * @param id the order id
	 * @return the status, or {@code null} when there is no such order
	 */
	public String status(String id) {
		return this.jdbc.sql("select status from orders where id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private <T> T observe(String operation, String sql, Supplier<T> statement) {
		return Observation.createNotStarted("db.query", this.observations)
			.contextualName(operation + " orders")
			.lowCardinalityKeyValue("db.system.name", this.system)
			.lowCardinalityKeyValue("db.operation.name", operation)
			.lowCardinalityKeyValue("db.collection.name", "orders")
			.highCardinalityKeyValue("db.query.text", sql)
			.observe(statement);
	}

	/**
	 * An order as stored.
	 *
	 * @param id the order id
	 * @param customerId the customer
	 * @param items the items, as JSON
	 * @param amountCents the amount
	 * @param status the status
	 */
	public record Order(String id, String customerId, String items, long amountCents, String status) {

	}

}
