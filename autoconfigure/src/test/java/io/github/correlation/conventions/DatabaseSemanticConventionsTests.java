package io.github.correlation.conventions;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code db.system.name} values from the list of SQL systems in {@code docs/db/sql.md},
 * specification v1.41.0.
 */
class DatabaseSemanticConventionsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			jdbc:postgresql://db:5432/orders            | postgresql  | orders
			jdbc:mysql://db:3306/orders?useSSL=false    | mysql       | orders
			jdbc:mariadb://db/orders                    | mariadb     | orders
			jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1        | h2database  | orders
			jdbc:h2:tcp://127.0.0.1:9092/mem:orders     | h2database  | orders
			jdbc:h2:file:/data/orders                   | h2database  | /data/orders
			jdbc:oracle:thin:@db:1521/ORCL              | oracle.db   |
			jdbc:sqlserver://db:1433;databaseName=x     | microsoft.sql_server |
			jdbc:hsqldb:mem:test                        | hsqldb      |
			jdbc:db2://db:50000/sample                  | ibm.db2     | sample
			jdbc:acme://db/x                            | other_sql   | x
			not a url                                   | other_sql   |
			""")
	void systemAndNamespaceComeFromTheUrl(String url, String system, String namespace) {
		assertThat(DatabaseSemanticConventions.systemName(url)).isEqualTo(system);
		assertThat(DatabaseSemanticConventions.namespace(url)).isEqualTo(namespace);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			jdbc:postgresql://db.internal:5432/orders        | db.internal | 5432
			jdbc:postgresql://db.internal/orders             | db.internal |
			jdbc:postgresql://db1:5432,db2:5432/orders       | db1         | 5432
			jdbc:mysql://user:secret@db:3306/orders          | db          | 3306
			jdbc:postgresql://[::1]:5433/orders              | ::1         | 5433
			jdbc:h2:tcp://127.0.0.1:9092/mem:orders          | 127.0.0.1   | 9092
			jdbc:sqlserver://db:1433;databaseName=orders     | db          | 1433
			""")
	void theServerComesFromTheUrl(String url, String address, Integer port) {
		assertThat(DatabaseSemanticConventions.server(url))
			.isEqualTo(new DatabaseSemanticConventions.Server(address, port));
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			jdbc:h2:mem:orders
			jdbc:oracle:thin:@db:1521/ORCL
			jdbc:sqlite:/data/orders.db
			""")
	void anEmbeddedDatabaseHasNoServer(String url) {
		assertThat(DatabaseSemanticConventions.server(url)).isNull();
	}

	@Test
	void noUrlIsAnotherSqlDatabase() {
		assertThat(DatabaseSemanticConventions.systemName(null)).isEqualTo("other_sql");
		assertThat(DatabaseSemanticConventions.namespace(null)).isNull();
	}

	@Test
	void theResponseStatusCodeJoinsSqlStateAndVendorCode() {
		assertThat(DatabaseSemanticConventions.responseStatusCode(new SQLException("no table", "42S02", 42102)))
			.isEqualTo("42S02/42102");
		assertThat(DatabaseSemanticConventions.responseStatusCode(new SQLException("no table", "42P01")))
			.isEqualTo("42P01");
		assertThat(DatabaseSemanticConventions.responseStatusCode(new SQLException("vendor", null, 1062)))
			.isEqualTo("1062");
		assertThat(DatabaseSemanticConventions.responseStatusCode(new SQLException("none"))).isNull();
		assertThat(DatabaseSemanticConventions.responseStatusCode(new IllegalStateException())).isNull();
	}

}
