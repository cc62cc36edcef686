package io.github.correlation.conventions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.correlation.conventions.DatabaseSemanticConventions.Server;
import io.micrometer.common.KeyValues;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.StatementType;
import net.ttddyy.observation.tracing.QueryContext;
import net.ttddyy.observation.tracing.QueryObservationConvention;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry semantic conventions for SQL client spans and the
 * {@code db.client.operation.duration} metric (specification v1.41.0, Stable) for the
 * query observations of datasource-micrometer: a {@code CLIENT} span named after the
 * query summary ({@code SELECT orders}).
 * <p>
 * The low-cardinality key values, the timer's tags too: {@code db.system.name} (from the
 * JDBC URL), {@code db.namespace} (the database the URL names), {@code db.query.summary},
 * {@code server.address} and {@code server.port} (from the URL, when the database is
 * reached over the network; the port when the URL names one), and on failure
 * {@code error.type} and {@code db.response.status_code}. The high-cardinality ones are
 * on the span only: {@code db.query.text} (text with {@code ?} placeholders as written,
 * its values being parameters; any other with every literal replaced by {@code ?}, by the
 * lexical rules of its database) and {@code db.operation.batch.size}.
 * {@code db.operation.name} and {@code db.collection.name} are left out: a JDBC statement
 * only knows its text, from which the conventions say not to extract them; the summary
 * carries both.
 *
 * @author Correlation contributors
 * @since 0.1.0
 * @see DatabaseSemanticConventions
 * @see SqlQueries
 */
public final class OpenTelemetryQueryConvention implements QueryObservationConvention {

	private static final int MAX_CACHED_DATABASES = 64;

	private static final int MAX_CACHED_QUERIES = 1024;

	private static final int MAX_CACHED_LENGTH = 4096;

	private static final String BATCH = "BATCH";

	// An application talks to a few databases, each by one URL: it is read once
	private final Map<String, Database> databases = new ConcurrentHashMap<>();

	@Override
	public String getName() {
		return DatabaseSemanticConventions.CLIENT_OPERATION_DURATION;
	}

	@Override
	public String getContextualName(QueryContext context) {
		Query query = query(context);
		Database database = query.database();
		Server server = database.server();
		if (!query.summary().isEmpty()) {
			return query.summary();
		}
		if (database.namespace() != null) {
			return database.namespace();
		}
		if (server != null) {
			return server.address() + ((server.port() != null) ? ":" + server.port() : "");
		}
		return database.system();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(QueryContext context) {
		Query query = query(context);
		Database database = query.database();
		KeyValues values = KeyValues.of(DatabaseSemanticConventions.SYSTEM_NAME, database.system());
		if (database.namespace() != null) {
			values = values.and(DatabaseSemanticConventions.NAMESPACE, database.namespace());
		}
		if (!query.summary().isEmpty()) {
			values = values.and(DatabaseSemanticConventions.QUERY_SUMMARY, query.summary());
		}
		Server server = database.server();
		if (server != null) {
			values = values.and(DatabaseSemanticConventions.SERVER_ADDRESS, server.address());
			if (server.port() != null) {
				values = values.and(DatabaseSemanticConventions.SERVER_PORT, server.port().toString());
			}
		}
		Throwable error = context.getError();
		if (error != null) {
			values = values.and(DatabaseSemanticConventions.ERROR_TYPE, error.getClass().getName());
			String code = DatabaseSemanticConventions.responseStatusCode(error);
			if (code != null) {
				values = values.and(DatabaseSemanticConventions.RESPONSE_STATUS_CODE, code);
			}
		}
		return values;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(QueryContext context) {
		Query query = query(context);
		KeyValues values = KeyValues.empty();
		if (!query.text().isEmpty()) {
			values = values.and(DatabaseSemanticConventions.QUERY_TEXT, query.text());
		}
		if (query.batchSize() >= 2) {
			values = values.and(DatabaseSemanticConventions.OPERATION_BATCH_SIZE, Integer.toString(query.batchSize()));
		}
		return values;
	}

	// Read once per observation, which asks at its start and again at its stop
	private Query query(QueryContext context) {
		Query query = context.get(Query.class);
		if (query == null) {
			query = read(context);
			context.put(Query.class, query);
		}
		return query;
	}

	private Query read(QueryContext context) {
		ExecutionInfo execution = context.getExecutionInfo();
		boolean prepared = execution != null && execution.getStatementType() != StatementType.STATEMENT;
		Database database = database(context.getUrl());
		List<ReadQuery> read = context.getQueries()
			.stream()
			.map((sql) -> database.read(sql, prepared))
			.distinct()
			.toList();
		int batchSize = (execution != null && execution.isBatch())
				? Math.max(execution.getBatchSize(), context.getQueries().size()) : context.getQueries().size();
		String summary;
		if (batchSize >= 2) {
			summary = (read.size() == 1 && !read.get(0).summary().isEmpty()) ? BATCH + " " + read.get(0).summary()
					: BATCH;
		}
		else {
			summary = read.isEmpty() ? "" : read.get(0).summary();
		}
		String text = String.join("; ", read.stream().map(ReadQuery::text).toList());
		return new Query(database, summary, text, batchSize);
	}

	private Database database(@Nullable String url) {
		String key = (url != null) ? url : "";
		Database database = this.databases.get(key);
		if (database == null) {
			database = Database.of(url);
			if (this.databases.size() < MAX_CACHED_DATABASES) {
				this.databases.put(key, database);
			}
		}
		return database;
	}

	private record ReadQuery(String summary, String text) {

	}

	private record Query(Database database, String summary, String text, int batchSize) {

	}

	/**
	 * What a JDBC URL says of its database, and the statements prepared for it, read by
	 * its lexical rules (applications prepare the same few statements again and again).
	 */
	private record Database(String system, @Nullable String namespace, @Nullable Server server,
			Map<String, ReadQuery> queries) {

		static Database of(@Nullable String url) {
			return new Database(DatabaseSemanticConventions.systemName(url), DatabaseSemanticConventions.namespace(url),
					DatabaseSemanticConventions.server(url), new ConcurrentHashMap<>());
		}

		// Text with placeholders is kept as written: the application passes its values
		// as parameters. Text without them (a plain statement, or SQL with its values
		// written in and then prepared) is sanitized. Only prepared statements are
		// cached: a plain statement's text changes with every value written into it
		ReadQuery read(String sql, boolean prepared) {
			if (!prepared) {
				return new ReadQuery(SqlQueries.summarize(sql), SqlQueries.sanitize(sql, this.system));
			}
			ReadQuery read = this.queries.get(sql);
			if (read == null) {
				String text = (sql.indexOf('?') >= 0) ? sql : SqlQueries.sanitize(sql, this.system);
				read = new ReadQuery(SqlQueries.summarize(sql), text);
				if (this.queries.size() < MAX_CACHED_QUERIES && sql.length() <= MAX_CACHED_LENGTH) {
					this.queries.put(sql, read);
				}
			}
			return read;
		}

	}

}
