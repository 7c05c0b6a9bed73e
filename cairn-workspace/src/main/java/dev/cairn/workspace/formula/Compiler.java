package dev.cairn.workspace.formula;

import dev.cairn.workspace.formula.Typed.Kind;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Computed;
import dev.cairn.workspace.model.TableDef;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a formula tree against the workspace's tables and turns it into SQL over one row of a table ({@code alias}).
 * A formula column used by another is expanded in place (its SQL, over the same row); a path through a reference
 * ({@code customer.name}) becomes a scalar subquery on the referenced table; a rollup ({@code sum(order_lines.amount)})
 * a correlated aggregate over the rows whose reference points at this row. Formulas that use each other in a circle
 * are refused. Not thread-safe: one per formula.
 */
final class Compiler {
    private static final int MAX_SQL = 200_000;
    private static final List<String> ROLLUPS = List.of("sum", "avg", "min", "max", "count");

    /** The table whose row an expression is over, and that row's SQL alias. */
    record Scope(TableDef table, String alias) {
    }

    private final SqlParts sql;
    private final Map<Long, TableDef> tablesById = new HashMap<>();
    private final List<TableDef> tables;
    private final Map<Expr.Part, String> resolved = new HashMap<>();
    private final Deque<Column> visiting = new ArrayDeque<>();
    private final Functions functions;
    private int aliases;
    private TableDef root;

    Compiler(SqlParts sql, List<TableDef> tables) {
        this.sql = sql;
        this.tables = tables;
        tables.forEach(t -> tablesById.put(t.id(), t));
        this.functions = new Functions(this, sql);
    }

    /** What each name of the top formula resolved to ({@code c<id>} or {@code t<id>}), for its stored form. */
    Map<Expr.Part, String> resolved() {
        return resolved;
    }

    /** The formula {@code e} of column {@code self} (id 0: a new column) over a row of {@code scope}. */
    Typed top(Scope scope, Expr e, Column self) {
        root = scope.table();
        visiting.push(self);
        Typed t = expr(scope, e);
        if (t.sql().length() > MAX_SQL) {
            throw new FormulaException("the formula grows too large once the formulas it uses are put in", 0);
        }
        return t;
    }

    Typed expr(Scope s, Expr e) {
        return switch (e) {
            case Expr.Num n -> number(n);
            case Expr.Str t -> Typed.of(sql.text(t.value()), Kind.TEXT);
            case Expr.Bool b -> Typed.of(b.value() ? "(1 = 1)" : "(1 = 0)", Kind.BOOL);
            case Expr.Ref r -> ref(s, r.parts(), root != null && s.table().id() != root.id());
            case Expr.Call c -> ROLLUPS.contains(c.function()) ? rollup(s, c) : functions.call(s, c);
            case Expr.Unary u -> unary(s, u);
            case Expr.Binary b -> Operators.binary(this, sql, s, b);
        };
    }

    private static Typed number(Expr.Num n) {
        BigDecimal v = n.value().stripTrailingZeros();
        if (v.scale() < 0) {
            v = v.setScale(0);
        }
        if (v.scale() > SqlParts.MAX_SCALE) {
            throw new FormulaException("a number has at most " + SqlParts.MAX_SCALE + " decimals", n.position());
        }
        if (v.unscaledValue().bitLength() > 62) {
            throw new FormulaException("the number is too large", n.position());
        }
        return Typed.number(v.unscaledValue().toString(), v.scale());
    }

    private Typed unary(Scope s, Expr.Unary u) {
        Typed v = expr(s, u.operand());
        if (u.op().equals("not")) {
            expect(v, Kind.BOOL, "not", u.position());
            return v.withSql("(NOT (" + v.sql() + "))");
        }
        if (!v.numeric()) {
            throw new FormulaException("'-' needs a number, not " + v.words(), u.position());
        }
        return v.withSql("(-(" + v.sql() + "))");
    }

    static void expect(Typed v, Kind kind, String what, int position) {
        if (v.kind() != kind) {
            throw new FormulaException(what + " needs " + kind.words + ", not " + v.words(), position);
        }
    }

    /** A path of names over a row of {@code s}: columns, through references. */
    private Typed ref(Scope s, List<Expr.Part> parts, boolean other) {
        Expr.Part first = parts.getFirst();
        Column c = column(s.table(), first, other);
        if (parts.size() == 1) {
            if (c.type() == ColumnType.REFERENCE && !c.isComputed()) {
                throw new FormulaException("'" + shown(first, c) + "' is a reference; name one of the columns of the "
                        + "record it points to, e.g. " + shown(first, c) + "." + exampleColumn(c), first.position());
            }
            return value(s, c, first.position());
        }
        if (c.type() != ColumnType.REFERENCE || c.isComputed()) {
            throw new FormulaException("'" + shown(first, c) + "' is not a reference, so nothing can follow its '.'",
                    first.position());
        }
        TableDef target = table(c.references(), first.position());
        String x = alias();
        Typed inner = ref(new Scope(target, x), parts.subList(1, parts.size()), true);
        return inner.withSql("(SELECT " + inner.sql() + " FROM " + target.sql() + " " + x + " WHERE " + x + ".id = "
                + s.alias() + "." + c.sql() + ")");
    }

    private String exampleColumn(Column reference) {
        TableDef target = tablesById.get(reference.references());
        return target == null || target.columns().isEmpty() ? "name" : target.columns().getFirst().name();
    }

    private static String shown(Expr.Part p, Column c) {
        return p.name() != null ? p.name() : c.name();
    }

    /** The column a name (or stored id) means in {@code t}. */
    private Column column(TableDef t, Expr.Part p, boolean other) {
        if (p.id() != null) {
            return t.columns().stream().filter(c -> c.id() == p.id()).findFirst().orElseThrow(() ->
                    new FormulaException("uses the column '" + t.columnById(p.id()).map(Column::name)
                            .orElse("#" + p.id()) + "' of '" + t.name() + "', which is removed", 0));
        }
        Column self = visiting.isEmpty() ? null : visiting.getLast();
        if (self != null && !other && (NameMatch.key(self.name()).equals(NameMatch.key(p.name()))
                || self.label() != null && NameMatch.key(self.label()).equals(NameMatch.key(p.name())))) {
            throw new FormulaException("a formula cannot use its own column '" + p.name() + "'", p.position());
        }
        Column c = NameMatch.column(t, p.name(), p.position(), other);
        resolved.put(p, "c" + c.id());
        return c;
    }

    private TableDef table(long id, int position) {
        TableDef t = tablesById.get(id);
        if (t == null) {
            throw new FormulaException("uses a table that is deleted", position);
        }
        return t;
    }

    /** The value of column {@code c} over a row of {@code s}; a computed column is expanded in place. */
    Typed value(Scope s, Column c, int position) {
        return switch (c.computed()) {
            case null -> stored(s.alias(), c, position);
            case Computed.AutoNumber a -> Typed.of("(" + sql.text(a.prefix()) + " || " + sql.padded(s.alias()
                    + ".id + " + (a.start() - 1), a.digits()) + ")", Kind.TEXT);
            case Computed.Formula f -> expand(s, c, f, position);
        };
    }

    private Typed expand(Scope s, Column c, Computed.Formula f, int position) {
        if (visiting.stream().anyMatch(v -> v.id() == c.id())) {
            List<String> circle = new ArrayList<>();
            visiting.descendingIterator().forEachRemaining(v -> circle.add(v.name()));
            circle.add(c.name());
            throw new FormulaException.Cycle("formulas use each other in a circle: " + String.join(" → ", circle),
                    position);
        }
        visiting.push(c);
        try {
            return expr(new Scope(s.table(), s.alias()), Parser.parse(f.stored(), true));
        } catch (FormulaException.Cycle e) {
            throw e;
        } catch (FormulaException e) {
            throw new FormulaException("the formula of '" + c.name() + "' does not work: " + e.problem(), position);
        } finally {
            visiting.pop();
        }
    }

    private static Typed stored(String alias, Column c, int position) {
        String col = alias + "." + c.sql();
        return switch (c.type()) {
            case INTEGER -> Typed.number(col, 0);
            case DECIMAL -> Typed.number(col, c.scale());
            case MONEY -> c.currency() == null ? Typed.number(col, c.scale())
                    : new Typed(col, Kind.MONEY, c.scale(), c.currency());
            case TEXT, LONG_TEXT, CHOICE, EMAIL, PHONE -> Typed.of(col, Kind.TEXT);
            case DATE -> Typed.of(col, Kind.DATE);
            case BOOLEAN -> Typed.of("(" + col + " = 1)", Kind.BOOL);
            case DATETIME, ATTACHMENT, REFERENCE -> throw new FormulaException(c.type().wireName()
                    + " columns such as '" + c.name() + "' cannot be used in formulas", position);
        };
    }

    String alias() {
        return "x" + (++aliases);
    }

    /** {@code sum|avg|min|max(table.column)}, {@code count(table)}: over the rows that refer to this one. */
    private Typed rollup(Scope s, Expr.Call call) {
        String f = call.function();
        if (call.args().size() != 1 || !(call.args().getFirst() instanceof Expr.Ref r)
                || !f.equals("count") && r.parts().size() < 2) {
            throw new FormulaException(f + "(...) takes " + (f.equals("count") ? "a table" : "a column of another "
                    + "table") + " whose records refer to this one, e.g. " + f + "(" + (f.equals("count")
                    ? "order_lines" : "order_lines.amount") + ")", call.position());
        }
        Expr.Part first = r.parts().getFirst();
        TableDef from = first.id() != null ? table(first.id(), first.position())
                : NameMatch.table(tables, first.name(), first.position());
        resolved.put(first, "t" + from.id());
        Column link = link(from, s.table(), first.position());
        String x = alias();
        String where = " FROM " + from.sql() + " " + x + " WHERE " + x + "." + link.sql() + " = " + s.alias() + ".id)";
        if (r.parts().size() == 1) {
            return Typed.number("(SELECT COUNT(*)" + where, 0);
        }
        Typed v = ref(new Scope(from, x), r.parts().subList(1, r.parts().size()), true);
        return switch (f) {
            case "count" -> Typed.number("(SELECT COUNT(" + v.sql() + ")" + where, 0);
            case "sum" -> numericOnly(v, f, call).withSql("(SELECT CAST(COALESCE(SUM(" + v.sql() + "), 0) AS BIGINT)"
                    + where);
            case "avg" -> numericOnly(v, f, call).withSql("(SELECT CAST(ROUND(AVG(" + v.sql() + ")) AS BIGINT)"
                    + where);
            default -> {
                if (v.kind() == Kind.BOOL) {
                    throw new FormulaException(f + " needs numbers, money, dates or text", call.position());
                }
                yield v.withSql("(SELECT " + f.toUpperCase(java.util.Locale.ROOT) + "(" + v.sql() + ")" + where);
            }
        };
    }

    private static Typed numericOnly(Typed v, String f, Expr.Call call) {
        if (!v.numeric()) {
            throw new FormulaException(f + " needs numbers or money, not " + v.words(), call.position());
        }
        return v;
    }

    /** The one reference column of {@code from} that points at {@code to}. */
    private static Column link(TableDef from, TableDef to, int position) {
        List<Column> links = from.columns().stream().filter(c -> c.type() == ColumnType.REFERENCE
                && !c.isComputed() && Long.valueOf(to.id()).equals(c.references())).toList();
        if (links.isEmpty()) {
            throw new FormulaException("no column of '" + from.name() + "' refers to '" + to.name() + "'", position);
        }
        if (links.size() > 1) {
            throw new FormulaException("'" + from.name() + "' refers to '" + to.name() + "' through several columns ("
                    + String.join(", ", links.stream().map(Column::name).toList()) + "); a rollup needs exactly one",
                    position);
        }
        return links.getFirst();
    }
}
