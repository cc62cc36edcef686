package io.github.correlation.conventions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads SQL the way the OpenTelemetry database conventions ask (specification v1.41.0,
 * {@code docs/db/database-spans.md}): a query summary of its operations and their targets
 * in the order written ({@code INSERT shipping_details SELECT orders}), and query text
 * with every literal replaced by {@code ?}. A scanner, not a parser: it knows quotes,
 * comments, numbers and the keywords that name an operation or precede a target, enough
 * for the statements applications send, and never fails: text it cannot read yields a
 * shorter summary, never an error.
 *
 * @author Correlation contributors
 * @since 0.1.0
 */
public final class SqlQueries {

	/**
	 * The longest summary, as the conventions ask.
	 */
	public static final int MAX_SUMMARY_LENGTH = 255;

	private static final Set<String> OPERATIONS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT",
			"REPLACE", "CALL", "EXEC", "EXECUTE", "CREATE", "DROP", "ALTER", "TRUNCATE");

	private static final Set<String> SCHEMA_OPERATIONS = Set.of("CREATE", "DROP", "ALTER", "TRUNCATE");

	private static final Set<String> TARGET_LISTS = Set.of("FROM", "JOIN", "INTO", "USING");

	private static final Set<String> RESERVED = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "FROM", "WHERE",
			"JOIN", "INNER", "OUTER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "ON", "USING", "INTO", "VALUES",
			"SET", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "FETCH", "UNION", "EXCEPT", "INTERSECT", "WITH", "AS",
			"AND", "OR", "NOT", "RETURNING", "WINDOW", "FOR", "LATERAL", "TABLE", "IF", "EXISTS", "DEFAULT", "WHEN",
			"MATCHED", "THEN", "KEY", "DUPLICATE", "IN", "ANY", "ALL", "SOME", "DISTINCT", "DO", "CONFLICT");

	private static final Set<String> BOOLEAN_LITERALS = Set.of("TRUE", "FALSE");

	// Longer text is summarized and sanitized from its start only: a statement of
	// megabytes (a bulk insert with its values written in) must not cost megabytes
	private static final int MAX_SCANNED_LENGTH = 16 * 1024;

	private SqlQueries() {
	}

	/**
	 * The query summary: each operation, followed by the collections it targets, in the
	 * order written, cut at {@value #MAX_SUMMARY_LENGTH} characters between two words.
	 * Operations and targets keep the case they are written in.
	 * @param sql the query text
	 * @return the summary, empty when the text names no known operation
	 */
	public static String summarize(String sql) {
		List<Token> tokens = tokens(scanned(sql), Dialect.ANY).stream()
			.filter((token) -> token.kind() != Kind.SPACE && token.kind() != Kind.COMMENT)
			.toList();
		List<String> parts = new ArrayList<>();
		// Parentheses of a function call: what they hold (EXTRACT(YEAR FROM created_at),
		// TRIM(' ' FROM name), REPLACE(a, b, c)) names no operation and no collection
		Deque<Boolean> parentheses = new ArrayDeque<>();
		int functionDepth = 0;
		for (int i = 0; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			if (token.text().equals("(")) {
				boolean function = isFunctionCall(tokens, i);
				parentheses.push(function);
				functionDepth += function ? 1 : 0;
				continue;
			}
			if (token.text().equals(")") && !parentheses.isEmpty()) {
				functionDepth -= parentheses.pop() ? 1 : 0;
				continue;
			}
			if (token.kind() != Kind.WORD || functionDepth > 0 || isFunctionName(tokens, i)) {
				continue;
			}
			String word = token.upper();
			if (OPERATIONS.contains(word) && !isClause(tokens, i)) {
				i = operation(tokens, i, parts);
			}
			else if (TARGET_LISTS.contains(word) && !(i > 0 && tokens.get(i - 1).is("DISTINCT"))) {
				i = targets(tokens, i + 1, parts);
			}
		}
		return join(parts);
	}

	/**
	 * The query text with every string, numeric, hexadecimal and boolean literal replaced
	 * by {@code ?}, and comments removed (they can hold anything). Quoted identifiers,
	 * keywords and existing placeholders stay as written.
	 * @param sql the query text
	 * @return the sanitized text
	 */
	public static String sanitize(String sql) {
		return sanitize(sql, null);
	}

	/**
	 * The query text sanitized by the lexical rules of a database system: MySQL's and
	 * MariaDB's double-quoted strings, backslash escapes and {@code #} comments, SQL
	 * Server's bracketed names; standard SQL for any other. Text beyond 16 KiB is cut.
	 * @param sql the query text
	 * @param system the {@code db.system.name}, or {@code null} for standard SQL
	 * @return the sanitized text
	 */
	public static String sanitize(String sql, @Nullable String system) {
		String scanned = scanned(sql);
		StringBuilder sanitized = new StringBuilder(scanned.length());
		for (Token token : tokens(scanned, Dialect.of(system))) {
			switch (token.kind()) {
				case STRING, NUMBER -> sanitized.append('?');
				case COMMENT -> sanitized.append(' ');
				case WORD -> sanitized.append(BOOLEAN_LITERALS.contains(token.upper()) ? "?" : token.text());
				default -> sanitized.append(token.text());
			}
		}
		return sanitized.toString();
	}

	// UPDATE in FOR UPDATE and ON DUPLICATE KEY UPDATE is a clause, not an operation
	private static boolean isClause(List<Token> tokens, int index) {
		Token previous = (index > 0) ? tokens.get(index - 1) : null;
		return tokens.get(index).is("UPDATE") && previous != null
				&& (previous.is("FOR") || previous.is("KEY") || previous.is("DO"));
	}

	// An opening parenthesis right after a name that is no keyword, or after an operation
	// keyword used as a function (REPLACE(...)), opens a function call
	private static boolean isFunctionCall(List<Token> tokens, int index) {
		if (index == 0 || tokens.get(index - 1).kind() != Kind.WORD) {
			return false;
		}
		return !tokens.get(index - 1).isReserved() || isFunctionName(tokens, index - 1);
	}

	private static boolean isFunctionName(List<Token> tokens, int index) {
		Token token = tokens.get(index);
		return OPERATIONS.contains(token.upper()) && !token.is("SELECT") && index + 1 < tokens.size()
				&& tokens.get(index + 1).text().equals("(");
	}

	private static String scanned(String sql) {
		return (sql.length() > MAX_SCANNED_LENGTH) ? sql.substring(0, MAX_SCANNED_LENGTH) : sql;
	}

	private static int operation(List<Token> tokens, int index, List<String> parts) {
		Token token = tokens.get(index);
		String word = token.upper();
		if (SCHEMA_OPERATIONS.contains(word)) {
			int next = skipWords(tokens, index + 1, "OR", "REPLACE", "TEMPORARY", "TEMP", "UNIQUE", "GLOBAL", "LOCAL");
			if (next < tokens.size() && tokens.get(next).kind() == Kind.WORD) {
				Token object = tokens.get(next);
				parts.add(token.text() + " " + object.text());
				next = skipWords(tokens, next + 1, "IF", "NOT", "EXISTS");
				if (next < tokens.size() && tokens.get(next).isName()) {
					return name(tokens, next, parts);
				}
				return next - 1;
			}
			parts.add(token.text());
			return index;
		}
		parts.add(token.text());
		if (word.equals("UPDATE") || word.equals("CALL") || word.equals("EXEC") || word.equals("EXECUTE")) {
			int next = skipWords(tokens, index + 1, "ONLY");
			if (next < tokens.size() && tokens.get(next).isName()) {
				return name(tokens, next, parts);
			}
		}
		return index;
	}

	// A comma-separated list of collections, each perhaps with an alias
	private static int targets(List<Token> tokens, int index, List<String> parts) {
		int i = skipWords(tokens, index, "ONLY", "LATERAL");
		while (i < tokens.size() && tokens.get(i).isName()) {
			i = name(tokens, i, parts) + 1;
			if (i < tokens.size() && tokens.get(i).is("AS")) {
				i++;
			}
			if (i < tokens.size() && tokens.get(i).kind() == Kind.WORD && !tokens.get(i).isReserved()) {
				i++;
			}
			if (i < tokens.size() && tokens.get(i).text().equals(",")) {
				i++;
			}
			else {
				break;
			}
		}
		return i - 1;
	}

	// A name and its qualifiers, quoted or not: "public"."orders", [dbo].[Orders]
	private static int name(List<Token> tokens, int index, List<String> parts) {
		StringBuilder name = new StringBuilder(tokens.get(index).text());
		int i = index;
		while (i + 2 < tokens.size() && tokens.get(i + 1).text().equals(".")
				&& (tokens.get(i + 2).kind() == Kind.WORD || tokens.get(i + 2).kind() == Kind.QUOTED_NAME)) {
			name.append('.').append(tokens.get(i + 2).text());
			i += 2;
		}
		parts.add(name.toString());
		return i;
	}

	private static int skipWords(List<Token> tokens, int index, String... words) {
		List<String> skipped = List.of(words);
		int i = index;
		while (i < tokens.size() && tokens.get(i).kind() == Kind.WORD && skipped.contains(tokens.get(i).upper())) {
			i++;
		}
		return i;
	}

	private static String join(List<String> parts) {
		StringBuilder summary = new StringBuilder();
		for (String part : parts) {
			int length = summary.length() + ((summary.length() > 0) ? 1 : 0) + part.length();
			if (length > MAX_SUMMARY_LENGTH) {
				break;
			}
			if (summary.length() > 0) {
				summary.append(' ');
			}
			summary.append(part);
		}
		return summary.toString();
	}

	private static List<Token> tokens(String sql, Dialect dialect) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		int length = sql.length();
		while (i < length) {
			char c = sql.charAt(i);
			int end;
			Kind kind;
			if (Character.isWhitespace(c)) {
				end = i + 1;
				while (end < length && Character.isWhitespace(sql.charAt(end))) {
					end++;
				}
				kind = Kind.SPACE;
			}
			else if ((c == '-' && i + 1 < length && sql.charAt(i + 1) == '-')
					|| (c == '#' && dialect == Dialect.MYSQL)) {
				end = sql.indexOf('\n', i);
				end = (end < 0) ? length : end;
				kind = Kind.COMMENT;
			}
			else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
				end = sql.indexOf("*/", i + 2);
				end = (end < 0) ? length : end + 2;
				kind = Kind.COMMENT;
			}
			else if (c == '\'' || (c == '"' && dialect == Dialect.MYSQL)) {
				end = quoted(sql, i, c, dialect == Dialect.MYSQL);
				kind = Kind.STRING;
			}
			else if (c == '"' || c == '`') {
				end = quoted(sql, i, c, false);
				kind = Kind.QUOTED_NAME;
			}
			else if (c == '[' && (dialect == Dialect.ANY || dialect == Dialect.SQL_SERVER)) {
				end = sql.indexOf(']', i);
				end = (end < 0) ? length : end + 1;
				kind = Kind.QUOTED_NAME;
			}
			else if (isNumberStart(sql, i)) {
				end = number(sql, i);
				kind = Kind.NUMBER;
			}
			else if (Character.isLetter(c) || c == '_') {
				end = i + 1;
				while (end < length && isNamePart(sql.charAt(end))) {
					end++;
				}
				// A name qualified by its schema is one name: public.orders
				while (end + 1 < length && sql.charAt(end) == '.'
						&& (Character.isLetter(sql.charAt(end + 1)) || sql.charAt(end + 1) == '_')) {
					end += 2;
					while (end < length && isNamePart(sql.charAt(end))) {
						end++;
					}
				}
				kind = Kind.WORD;
			}
			else {
				end = i + 1;
				kind = Kind.SYMBOL;
			}
			tokens.add(new Token(kind, sql.substring(i, end)));
			i = end;
		}
		return tokens;
	}

	private static int quoted(String sql, int start, char quote, boolean backslashEscapes) {
		int i = start + 1;
		while (i < sql.length()) {
			if (backslashEscapes && sql.charAt(i) == '\\') {
				i += 2;
				continue;
			}
			if (sql.charAt(i) == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return sql.length();
	}

	private static boolean isNumberStart(String sql, int i) {
		char c = sql.charAt(i);
		boolean digit = Character.isDigit(c)
				|| (c == '.' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1)));
		return digit && (i == 0 || !isNamePart(sql.charAt(i - 1)));
	}

	private static int number(String sql, int start) {
		int i = start;
		if (sql.startsWith("0x", i) || sql.startsWith("0X", i)) {
			i += 2;
			while (i < sql.length() && Character.digit(sql.charAt(i), 16) >= 0) {
				i++;
			}
			return i;
		}
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (Character.isDigit(c) || c == '.') {
				i++;
			}
			else if ((c == 'e' || c == 'E') && i + 1 < sql.length()
					&& (Character.isDigit(sql.charAt(i + 1)) || sql.charAt(i + 1) == '-' || sql.charAt(i + 1) == '+')) {
				i += 2;
			}
			else {
				break;
			}
		}
		return i;
	}

	private static boolean isNamePart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

	/**
	 * Lexical rules: {@code ANY} reads SQL Server's bracketed names too (for summaries,
	 * which hold no values); {@code STANDARD} reads a bracket as a symbol.
	 */
	private enum Dialect {

		ANY, STANDARD, MYSQL, SQL_SERVER;

		static Dialect of(@Nullable String system) {
			if ("mysql".equals(system) || "mariadb".equals(system)) {
				return MYSQL;
			}
			return "microsoft.sql_server".equals(system) ? SQL_SERVER : STANDARD;
		}

	}

	private enum Kind {

		SPACE, COMMENT, STRING, QUOTED_NAME, NUMBER, WORD, SYMBOL

	}

	private record Token(Kind kind, String text) {

		String upper() {
			return this.text.toUpperCase(Locale.ROOT);
		}

		boolean is(String word) {
			return this.kind == Kind.WORD && this.text.equalsIgnoreCase(word);
		}

		boolean isReserved() {
			return RESERVED.contains(upper()) || OPERATIONS.contains(upper());
		}

		// A collection name: a word that is no keyword, a quoted name, or (as some
		// applications write it) a name in single quotes
		boolean isName() {
			return (this.kind == Kind.WORD && !isReserved()) || this.kind == Kind.QUOTED_NAME
					|| this.kind == Kind.STRING;
		}

	}

}
