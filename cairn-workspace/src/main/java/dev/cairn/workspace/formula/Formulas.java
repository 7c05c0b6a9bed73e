package dev.cairn.workspace.formula;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Computed;
import dev.cairn.workspace.model.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The formula language's entry point: checks a formula as a person typed it and gives its stored form and result
 * type, shows a stored formula with today's names, and writes the SQL of a table's view (its physical columns and the
 * computed ones). Stateless.
 */
public final class Formulas {
    private Formulas() {
    }

    /** A checked formula: its stored form and what it gives (the column's type, scale and currency). */
    public record Checked(String stored, ColumnType type, int scale, String currency) {
    }

    /**
     * Checks {@code source}, the formula of column {@code self} (id 0 if new) of {@code table} (the table as it is
     * without the formula's new definition), against the workspace's live {@code tables}; {@link FormulaException}
     * with the position if it does not read, names what does not exist, mixes kinds or uses itself in a circle.
     */
    public static Checked check(Dialect dialect, String source, Column self, TableDef table, List<TableDef> tables) {
        Expr e = Parser.parse(source, false);
        Compiler compiler = new Compiler(new SqlParts(dialect), withTable(tables, table));
        Typed t = compiler.top(new Compiler.Scope(table, "t"), e, self);
        Map<Expr.Part, String> ids = compiler.resolved();
        String stored = new Printer(p -> p.id() != null ? "{" + (p.table() ? "t" : "c") + p.id() + "}"
                : "{" + ids.get(p) + "}").print(e);
        return switch (t.kind()) {
            case NUMBER -> new Checked(stored, t.scale() == 0 ? ColumnType.INTEGER : ColumnType.DECIMAL, t.scale(),
                    null);
            case MONEY -> new Checked(stored, ColumnType.MONEY, t.scale(), t.currency());
            case TEXT -> new Checked(stored, ColumnType.TEXT, 0, null);
            case DATE -> new Checked(stored, ColumnType.DATE, 0, null);
            case BOOL -> new Checked(stored, ColumnType.BOOLEAN, 0, null);
        };
    }

    /** The stored formula {@code stored} with the current names of its columns and tables (by id). */
    public static String display(String stored, Map<Long, String> columns, Map<Long, String> tableNames) {
        try {
            return new Printer(p -> Printer.name(p.table() ? tableNames.getOrDefault(p.id(), "?")
                    : columns.getOrDefault(p.id(), "?"))).print(Parser.parse(stored, true));
        } catch (FormulaException e) {
            return stored;
        }
    }

    /**
     * The {@code SELECT} of table {@code t}'s view: every physical column of {@code t}, the live computed ones
     * replaced by their values (money: amount and currency). {@link FormulaException} if a formula no longer fits the
     * tables (its problem names the column).
     */
    public static String viewSelect(Dialect dialect, TableDef t, List<TableDef> tables) {
        SqlParts parts = new SqlParts(dialect);
        List<String> select = new ArrayList<>(List.of("t.id AS id", "t.version AS version",
                "t.created_at AS created_at", "t.updated_at AS updated_at"));
        for (Column c : t.allColumns()) {
            if (!c.isComputed() || c.removed()) {
                select.add("t." + c.sql() + " AS " + c.sql());
                if (c.type() == ColumnType.MONEY) {
                    select.add("t." + c.currencySql() + " AS " + c.currencySql());
                }
                continue;
            }
            Typed v = computed(parts, c, t, tables);
            select.add((v.kind() == Typed.Kind.BOOL ? SqlParts.boolValue(v.sql()) : v.sql()) + " AS " + c.sql());
            if (c.type() == ColumnType.MONEY) {
                select.add(parts.text(v.currency()) + " AS " + c.currencySql());
            }
        }
        return "SELECT " + String.join(", ", select) + " FROM " + t.sql() + " t";
    }

    private static Typed computed(SqlParts parts, Column c, TableDef t, List<TableDef> tables) {
        Compiler compiler = new Compiler(parts, withTable(tables, t));
        try {
            Typed v = c.computed() instanceof Computed.Formula f
                    ? compiler.top(new Compiler.Scope(t, "t"), Parser.parse(f.stored(), true), c)
                    : compiler.value(new Compiler.Scope(t, "t"), c, 0);
            Checked now = new Checked("", kindType(v), v.scale(), v.currency());
            if (now.type() != c.type() || scaled(c) && now.scale() != c.scale()
                    || c.type() == ColumnType.MONEY && !v.currency().equals(c.currency())) {
                throw new FormulaException("it would now give " + v.words() + (v.numeric() ? " with " + v.scale()
                        + " decimals" : "") + " instead of " + c.type().wireName() + "; change the formula first", 0);
            }
            return v;
        } catch (FormulaException e) {
            throw new FormulaException("the formula of '" + t.name() + "." + c.name() + "' no longer works: "
                    + e.problem(), 0);
        }
    }

    private static boolean scaled(Column c) {
        return c.type() == ColumnType.DECIMAL || c.type() == ColumnType.MONEY;
    }

    private static ColumnType kindType(Typed v) {
        return switch (v.kind()) {
            case NUMBER -> v.scale() == 0 ? ColumnType.INTEGER : ColumnType.DECIMAL;
            case MONEY -> ColumnType.MONEY;
            case TEXT -> ColumnType.TEXT;
            case DATE -> ColumnType.DATE;
            case BOOL -> ColumnType.BOOLEAN;
        };
    }

    private static List<TableDef> withTable(List<TableDef> tables, TableDef table) {
        List<TableDef> out = new ArrayList<>(tables.stream().filter(x -> x.id() != table.id()).toList());
        out.add(table);
        return out;
    }
}
