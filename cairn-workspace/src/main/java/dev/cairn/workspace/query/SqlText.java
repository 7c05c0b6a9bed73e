package dev.cairn.workspace.query;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.SqlValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds SQL text with positional parameters for filters and sorting over a user table. Identifiers come only from
 * column ids ({@link Column#sql()}) and fixed keywords; every value, including LIKE patterns, is a bound parameter.
 * LIKE escapes with {@code !} (JDBI's statement parser reads a backslash in a literal as an escape).
 * Not thread-safe: one per statement.
 */
public final class SqlText {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> args = new ArrayList<>();
    private final Dialect dialect;
    private Set<Long> noIndex = Set.of();

    public SqlText(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Filters on these columns are written {@code +c_n} (SQLite: a filter, but not an index choice); see
     * {@link SqlitePlanHints}.
     */
    public SqlText withoutIndexOn(Set<Long> columnIds) {
        this.noIndex = Set.copyOf(columnIds);
        return this;
    }

    public SqlText append(String text) {
        sql.append(text);
        return this;
    }

    /** Appends {@code WHERE ...} for the conditions and quick search (nothing if there are none). */
    public SqlText where(String alias, List<Condition> conditions, List<Column> searchable, String search) {
        List<String> parts = new ArrayList<>();
        for (Condition c : conditions) {
            parts.add(condition(alias, c));
        }
        if (search != null && !search.isBlank() && !searchable.isEmpty()) {
            List<String> any = new ArrayList<>();
            for (Column c : searchable) {
                any.add("LOWER(" + alias + c.sql() + ") LIKE ? ESCAPE '!'");
                args.add("%" + escapeLike(search.strip().toLowerCase(Locale.ROOT)) + "%");
            }
            parts.add("(" + String.join(" OR ", any) + ")");
        }
        if (!parts.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", parts));
        }
        return this;
    }

    private String condition(String alias, Condition c) {
        String col = (noIndex.contains(c.column().id()) ? "+" : "") + (c.alias() == null ? alias : c.alias())
                + c.column().sql();
        List<Object> v = c.values().stream().map(x -> SqlValues.toSqlScalar(c.column(), x)).toList();
        return switch (c.op()) {
            case EQ -> bind(col + " = ?", v.getFirst());
            case NE -> bind("(" + col + " <> ? OR " + col + " IS NULL)", v.getFirst());
            case LT -> bind(col + " < ?", v.getFirst());
            case LTE -> bind(col + " <= ?", v.getFirst());
            case GT -> bind(col + " > ?", v.getFirst());
            case GTE -> bind(col + " >= ?", v.getFirst());
            case CONTAINS -> bind("LOWER(" + col + ") LIKE ? ESCAPE '!'", "%" + like(v.getFirst()) + "%");
            case STARTS_WITH -> bind("LOWER(" + col + ") LIKE ? ESCAPE '!'", like(v.getFirst()) + "%");
            case IN -> {
                args.addAll(v);
                yield col + " IN (" + String.join(", ", v.stream().map(x -> "?").toList()) + ")";
            }
            case EMPTY -> col + " IS NULL";
            case NOT_EMPTY -> col + " IS NOT NULL";
        };
    }

    private String bind(String fragment, Object value) {
        args.add(value);
        return fragment;
    }

    private static String like(Object value) {
        return escapeLike(String.valueOf(value).toLowerCase(Locale.ROOT));
    }

    public static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /**
     * An ORDER BY key with one NULL order on both dialects: nulls sort first ascending and last descending (SQLite's
     * order; PostgreSQL indexes are created NULLS FIRST so they serve these scans).
     */
    public String orderKey(String expression, boolean descending) {
        if (dialect == Dialect.POSTGRES) {
            return expression + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST");
        }
        return expression + (descending ? " DESC" : " ASC");
    }

    /** Binds the collected parameters in order. */
    public <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindAll(S statement) {
        for (int i = 0; i < args.size(); i++) {
            statement.bind(i, args.get(i));
        }
        return statement;
    }

    @Override
    public String toString() {
        return sql.toString();
    }
}
