package io.github.correlation.samples.orders;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders in a relational table (H2 by default, PostgreSQL in compose), with
 * {@link JdbcClient}. Nothing here creates a span: datasource-micrometer instruments the
 * {@code DataSource}, so every statement shows in the waterfall as a {@code query} span
 * with its SQL (see {@code application.yaml}).
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
@Repository
public class OrderRepository {

	private static final String INSERT = "insert into orders (id, customer_id, items, amount_cents, status, created_at) "
			+ "values (?, ?, ?, ?, ?, ?)";

	private static final String UPDATE_STATUS = "update orders set status = ? where id = ?";

	private static final String SELECT_STATUS = "select status from orders where id = ?";

	private final JdbcClient jdbc;

	OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Store a new order.
	 * @param order the order
	 */
	public void insert(Order order) {
		this.jdbc.sql(INSERT)
			.params(order.id(), order.customerId(), order.items(), order.amountCents(), order.status(),
					Timestamp.from(Instant.now()))
			.update();
	}

	/**
	 * Change the status of an order.
	 * @param id the order id
	 * @param status the new status
	 * @return whether the order exists
	 */
	public boolean updateStatus(String id, String status) {
		return this.jdbc.sql(UPDATE_STATUS).params(status, id).update() == 1;
	}

	/**
	 * Return the status of an order.
	 * @param id the order id
	 * @return the status, or {@code null} when there is no such order
	 */
	public String status(String id) {
		return this.jdbc.sql(SELECT_STATUS).param(id).query(String.class).optional().orElse(null);
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
