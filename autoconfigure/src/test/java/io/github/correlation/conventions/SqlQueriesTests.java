package io.github.correlation.conventions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query summaries and sanitized texts of the OpenTelemetry database conventions,
 * specification v1.41.0: the examples of {@code docs/db/database-spans.md} ("Generating a
 * summary of the query", "Sanitization of db.query.text") first, then the statements
 * Spring applications send.
 */
class SqlQueriesTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
							SELECT * FROM   wuser_table WHERE  username = ?                                              | SELECT wuser_table
							INSERT INTO shipping_details (order_id, address) SELECT order_id, address FROM orders WHERE order_id = ? | INSERT shipping_details SELECT orders
							SELECT * FROM   songs, artists WHERE  songs.artist_id == artists.id                          | SELECT songs artists
							SELECT order_date FROM (SELECT * FROM orders o JOIN customers c ON o.customer_id = c.customer_id) | SELECT SELECT orders customers
							SELECT * FROM "song list", 'artists'                                                         | SELECT "song list" 'artists'
							{call some_stored_procedure}                                                                 | call some_stored_procedure
							select id, status from orders where id = ?                                                   | select orders
							UPDATE orders SET status = ? WHERE id = ?                                                    | UPDATE orders
							DELETE FROM public.orders WHERE id = ?                                                       | DELETE public.orders
							insert into orders (id, card, status) values (?, ?, ?)                                       | insert orders
							SELECT o.id FROM orders AS o LEFT JOIN payments p ON p.order_id = o.id                       | SELECT orders payments
							SELECT * FROM orders WHERE id IN (SELECT order_id FROM payments)                              | SELECT orders SELECT payments
							SELECT * FROM orders FOR UPDATE                                                              | SELECT orders
							INSERT INTO orders (id) VALUES (?) ON DUPLICATE KEY UPDATE id = ?                            | INSERT orders
							MERGE INTO orders o USING incoming i ON o.id = i.id WHEN MATCHED THEN UPDATE SET status = ?  | MERGE orders incoming UPDATE
							CREATE TABLE IF NOT EXISTS orders (id VARCHAR(36) PRIMARY KEY)                               | CREATE TABLE orders
							DROP TABLE orders                                                                            | DROP TABLE orders
							SELECT 1                                                                                     | SELECT
					SELECT * FROM t WHERE a IS DISTINCT FROM 'secret-value'                                      | SELECT t
					SELECT TRIM(BOTH ' ' FROM 'user input') FROM orders                                          | SELECT orders
					SELECT EXTRACT(YEAR FROM created_at) FROM orders                                             | SELECT orders
					SELECT REPLACE(name, 'a', 'b') FROM orders                                                   | SELECT orders
					INSERT INTO t (id) VALUES (?) ON CONFLICT (id) DO UPDATE SET id = ?                           | INSERT t
					SELECT * FROM [dbo].[Orders]                                                                 | SELECT [dbo].[Orders]
					SELECT * FROM "public"."orders"                                                              | SELECT "public"."orders"
					SELECT * FROM public."Orders" o JOIN "sales".items i ON i.order_id = o.id                     | SELECT public."Orders" "sales".items
							""")
	void summarizesOperationsAndTargetsInOrder(String sql, String summary) {
		assertThat(SqlQueries.summarize(sql)).isEqualTo(summary);
	}

	@Test
	void commentsAreNoPartOfTheSummary() {
		assertThat(SqlQueries.summarize("-- DELETE FROM secrets\nSELECT * FROM orders /* JOIN secrets */"))
			.isEqualTo("SELECT orders");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					SELECT * FROM orders WHERE card = '4000 0000 0000 0002' AND total > 12.50         | SELECT * FROM orders WHERE card = ? AND total > ?
					SELECT * FROM orders WHERE note = 'it''s' OR id = 0x1F OR paid = TRUE             | SELECT * FROM orders WHERE note = ? OR id = ? OR paid = ?
					SELECT t1.id FROM t1 WHERE t1.amount = 1e5 AND "col 2" = ?                        | SELECT t1.id FROM t1 WHERE t1.amount = ? AND "col 2" = ?
					SELECT * FROM orders /* customer 42 */ WHERE id = 42                              | SELECT * FROM orders   WHERE id = ?
					SELECT * FROM orders WHERE created > DATE '2026-12-08'                             | SELECT * FROM orders WHERE created > DATE ?
					SELECT * FROM orders WHERE note = 'unterminated                                   | SELECT * FROM orders WHERE note = ?
					""")
	void sanitizingReplacesEveryLiteral(String sql, String sanitized) {
		assertThat(SqlQueries.sanitize(sql)).isEqualTo(sanitized);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					mysql                | SELECT * FROM t WHERE a = 'O\\'Brien' AND b = "john@example.com" # a comment | SELECT * FROM t WHERE a = ? AND b = ?
					mariadb              | SELECT * FROM t WHERE a = 'it''s'                                       | SELECT * FROM t WHERE a = ?
					postgresql           | SELECT ARRAY['ssn-123'] FROM t WHERE "b" = 'x'                          | SELECT ARRAY[?] FROM t WHERE "b" = ?
					microsoft.sql_server | SELECT [name] FROM [dbo].[t] WHERE x = 'a'                              | SELECT [name] FROM [dbo].[t] WHERE x = ?
					""")
	void sanitizingFollowsTheLexicalRulesOfTheDatabase(String system, String sql, String sanitized) {
		assertThat(SqlQueries.sanitize(sql, system)).isEqualToNormalizingWhitespace(sanitized);
	}

	@Test
	void aHugeStatementIsReadFromItsStartOnly() {
		StringBuilder sql = new StringBuilder("INSERT INTO orders (id) VALUES ('a')");
		while (sql.length() < 3_000_000) {
			sql.append(", ('").append(sql.length()).append("')");
		}
		assertThat(SqlQueries.summarize(sql.toString())).isEqualTo("INSERT orders");
		assertThat(SqlQueries.sanitize(sql.toString())).hasSizeLessThanOrEqualTo(16 * 1024)
			.startsWith("INSERT INTO orders (id) VALUES (?), (?)")
			.doesNotContain("'");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''
			'   '
			'((('
			'SELECT'
			'FROM'
			'INSERT INTO'
			'UPDATE'
			''''
			'/*'
			""")
	void unreadableTextNeverFails(String sql) {
		assertThat(SqlQueries.summarize(sql)).isNotNull();
		assertThat(SqlQueries.sanitize(sql)).isNotNull();
	}

	@Test
	void summariesAreCutBetweenTwoWords() {
		int tables = 300;
		StringBuilder sql = new StringBuilder("SELECT * FROM t0");
		for (int i = 1; i < tables; i++) {
			sql.append(", t").append(i);
		}
		String summary = SqlQueries.summarize(sql.toString());
		assertThat(summary).hasSizeLessThanOrEqualTo(SqlQueries.MAX_SUMMARY_LENGTH)
			.startsWith("SELECT t0 t1")
			.doesNotEndWith(" ");
		assertThat(sql.toString()).contains(summary.substring(summary.lastIndexOf(' ') + 1));
	}

}
