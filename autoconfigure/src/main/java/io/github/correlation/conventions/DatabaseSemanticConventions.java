package io.github.correlation.conventions;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The names and values of the OpenTelemetry semantic conventions for SQL database client
 * spans and metrics, specification v1.41.0 ({@code docs/db/database-spans.md},
 * {@code docs/db/sql.md}, {@code docs/db/database-metrics.md}; Stable).
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class DatabaseSemanticConventions {

	/**
	 * The version of the specification followed.
	 */
	public static final String VERSION = HttpSemanticConventions.VERSION;

	/**
	 * The database product: {@code postgresql}, {@code h2database}, {@code other_sql}.
	 */
	public static final String SYSTEM_NAME = "db.system.name";

	/**
	 * The database the connection is to.
	 */
	public static final String NAMESPACE = "db.namespace";

	/**
	 * The query's operations and their targets: {@code SELECT orders}.
	 */
	public static final String QUERY_SUMMARY = "db.query.summary";

	/**
	 * The query text, as prepared, or sanitized when it was not.
	 */
	public static final String QUERY_TEXT = "db.query.text";

	/**
	 * The number of statements of a batch of two or more.
	 */
	public static final String OPERATION_BATCH_SIZE = "db.operation.batch.size";

	/**
	 * The database's code for a failure: {@code SQLSTATE/vendor code}.
	 */
	public static final String RESPONSE_STATUS_CODE = "db.response.status_code";

	/**
	 * The class of the error the operation ended with, only when it failed.
	 */
	public static final String ERROR_TYPE = HttpSemanticConventions.ERROR_TYPE;

	/**
	 * The database host.
	 */
	public static final String SERVER_ADDRESS = HttpSemanticConventions.SERVER_ADDRESS;

	/**
	 * The database port.
	 */
	public static final String SERVER_PORT = HttpSemanticConventions.SERVER_PORT;

	/**
	 * The meter of database operations: {@code db.client.operation.duration}.
	 */
	public static final String CLIENT_OPERATION_DURATION = "db.client.operation.duration";

	/**
	 * Keys datasource-micrometer's Hikari observation filter adds to every query
	 * observation after any convention; the conventions have no place for them.
	 */
	public static final Set<String> HIKARI_KEYS = Set.of("jdbc.datasource.driver", "jdbc.datasource.pool");

	/**
	 * The system of a database the conventions do not name.
	 */
	public static final String OTHER_SQL = "other_sql";

	// JDBC sub-protocol -> db.system.name, from the list of SQL systems in sql.md
	private static final Map<String, String> SYSTEMS = Map.ofEntries(Map.entry("h2", "h2database"),
			Map.entry("postgresql", "postgresql"), Map.entry("pgsql", "postgresql"), Map.entry("mysql", "mysql"),
			Map.entry("mariadb", "mariadb"), Map.entry("oracle", "oracle.db"),
			Map.entry("sqlserver", "microsoft.sql_server"), Map.entry("hsqldb", "hsqldb"), Map.entry("derby", "derby"),
			Map.entry("sqlite", "sqlite"), Map.entry("db2", "ibm.db2"), Map.entry("trino", "trino"),
			Map.entry("firebirdsql", "firebirdsql"), Map.entry("firebird", "firebirdsql"),
			Map.entry("sapdb", "sap.maxdb"), Map.entry("ingres", "actian.ingres"));

	private DatabaseSemanticConventions() {
	}

	/**
	 * The {@code db.system.name} of a JDBC URL.
	 * @param url the JDBC URL, {@code jdbc:postgresql://db:5432/orders}
	 * @return the system, {@value #OTHER_SQL} for a database the conventions do not name
	 * or an unknown URL
	 */
	public static String systemName(@Nullable String url) {
		String subProtocol = subProtocol(url);
		return (subProtocol != null) ? SYSTEMS.getOrDefault(subProtocol, OTHER_SQL) : OTHER_SQL;
	}

	/**
	 * The {@code db.namespace} of a JDBC URL: the database named in the URL, as the
	 * connection was established with it.
	 * @param url the JDBC URL
	 * @return the database, or {@code null} when the URL names none in a known place
	 */
	public static @Nullable String namespace(@Nullable String url) {
		String subProtocol = subProtocol(url);
		String rest = afterSubProtocol(url);
		if (subProtocol == null || rest == null) {
			return null;
		}
		String database;
		if (rest.startsWith("//")) {
			int slash = rest.indexOf('/', 2);
			database = (slash >= 0) ? rest.substring(slash + 1) : "";
		}
		else if (subProtocol.equals("h2")) {
			database = rest;
		}
		else {
			return null;
		}
		database = cut(database, ';', '?');
		if (subProtocol.equals("h2")) {
			database = stripPrefix(stripPrefix(database, "mem:"), "file:");
		}
		return database.isEmpty() ? null : database;
	}

	/**
	 * The database server a JDBC URL names: the first host of
	 * {@code jdbc:SUBPROTOCOL://host[:port][,host...]/...}, also for H2's
	 * {@code jdbc:h2:tcp://} and {@code jdbc:h2:ssl://}.
	 * @param url the JDBC URL
	 * @return the server, or {@code null} for an embedded database or a URL of another
	 * form
	 */
	public static @Nullable Server server(@Nullable String url) {
		String rest = afterSubProtocol(url);
		if (rest == null || !rest.startsWith("//")) {
			return null;
		}
		String authority = cut(rest.substring(2), '/', ';', '?', ',');
		int at = authority.lastIndexOf('@');
		authority = authority.substring(at + 1);
		String host;
		String port = "";
		if (authority.startsWith("[")) {
			int close = authority.indexOf(']');
			host = (close > 0) ? authority.substring(1, close) : authority;
			port = (close > 0 && authority.startsWith(":", close + 1)) ? authority.substring(close + 2) : "";
		}
		else {
			int colon = authority.indexOf(':');
			host = (colon >= 0) ? authority.substring(0, colon) : authority;
			port = (colon >= 0) ? authority.substring(colon + 1) : "";
		}
		if (host.isEmpty()) {
			return null;
		}
		try {
			return new Server(host, port.isEmpty() ? null : Integer.valueOf(port));
		}
		catch (NumberFormatException ex) {
			return new Server(host, null);
		}
	}

	/**
	 * The {@code db.response.status_code} of a failure: the SQLSTATE and the vendor's
	 * error code joined by {@code /} where the driver reports both, as the conventions
	 * ask when the more specific one is unclear.
	 * @param error the failure
	 * @return the code, or {@code null} when the failure is no {@link SQLException} with
	 * one
	 */
	public static @Nullable String responseStatusCode(@Nullable Throwable error) {
		if (!(error instanceof SQLException sqlException)) {
			return null;
		}
		String state = sqlException.getSQLState();
		int code = sqlException.getErrorCode();
		if (state != null && !state.isEmpty()) {
			return (code != 0) ? state + "/" + code : state;
		}
		return (code != 0) ? Integer.toString(code) : null;
	}

	private static @Nullable String subProtocol(@Nullable String url) {
		if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
			return null;
		}
		int end = url.indexOf(':', 5);
		return (end > 5) ? url.substring(5, end).toLowerCase(Locale.ROOT) : null;
	}

	// What follows jdbc:<sub-protocol>:, H2's tcp: or ssl: too
	private static @Nullable String afterSubProtocol(@Nullable String url) {
		String subProtocol = subProtocol(url);
		if (url == null || subProtocol == null) {
			return null;
		}
		String rest = url.substring(("jdbc:" + subProtocol + ":").length());
		return subProtocol.equals("h2") ? stripPrefix(stripPrefix(rest, "tcp:"), "ssl:") : rest;
	}

	private static String cut(String value, char... separators) {
		int end = value.length();
		for (char separator : separators) {
			int index = value.indexOf(separator);
			if (index >= 0 && index < end) {
				end = index;
			}
		}
		return value.substring(0, end);
	}

	private static String stripPrefix(String value, String prefix) {
		return value.startsWith(prefix) ? value.substring(prefix.length()) : value;
	}

	/**
	 * A database server.
	 *
	 * @param address the host name or IP address
	 * @param port the port, or {@code null} when the URL names none (the system's
	 * default)
	 */
	public record Server(String address, @Nullable Integer port) {

	}

}
