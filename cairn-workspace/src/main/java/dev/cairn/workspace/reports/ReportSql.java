package dev.cairn.workspace.reports;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.SqlValues;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.query.SqlText;
import dev.cairn.workspace.reports.ReportPlan.Agg;
import dev.cairn.workspace.reports.ReportPlan.Field;
import dev.cairn.workspace.reports.ReportPlan.SortItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A report plan as ONE SQL statement: the database filters, joins (one reference level), groups, aggregates, sorts and
 * limits; identifiers come from column ids and fixed keywords only, values are bound. Money aggregates are computed
 * per currency (the currency joins the grouping). And the statement's rows in wire form. Stateless.
 */
final class ReportSql {
    private ReportSql() {
    }

    /** The statement; result labels are o0, o1, … (money: oN_cur too). */
    static SqlText sql(ReportPlan plan, Dialect dialect) {
        SqlText sql = new SqlText(dialect);
        List<String> select = new ArrayList<>();
        List<String> groupBy = new ArrayList<>();
        Map<String, Integer> position = new LinkedHashMap<>();
        int i = 0;
        for (Field f : plan.outputFields()) {
            position.put(f.name(), select.size() + 1);
            select.add(f.alias() + f.column().sql() + " AS o" + i);
            groupBy.add(f.alias() + f.column().sql());
            if (f.column().type() == ColumnType.MONEY) {
                select.add(f.alias() + f.column().currencySql() + " AS o" + i + "_cur");
                groupBy.add(f.alias() + f.column().currencySql());
            }
            i++;
        }
        for (Agg a : plan.aggregates) {
            position.put(a.name(), select.size() + 1);
            String target = a.field() == null ? "*" : a.field().alias() + a.field().column().sql();
            select.add(a.fn().toUpperCase(Locale.ROOT) + "(" + target + ") AS o" + i);
            if (a.field() != null && a.field().column().type() == ColumnType.MONEY && !a.fn().equals("count")) {
                String currency = a.field().alias() + a.field().column().currencySql();
                select.add(currency + " AS o" + i + "_cur");
                if (!groupBy.contains(currency)) {
                    groupBy.add(currency);
                }
            }
            i++;
        }
        sql.append("SELECT " + String.join(", ", select));
        from(plan, sql);
        if (plan.grouped() && !groupBy.isEmpty()) {
            sql.append(" GROUP BY " + String.join(", ", groupBy));
        }
        List<String> order = new ArrayList<>();
        for (SortItem s : plan.sort) {
            order.add(sql.orderKey(Integer.toString(position.get(s.output())), s.desc()));
        }
        if (plan.grouped()) {
            for (int p = 1; p <= plan.outputFields().size(); p++) {
                order.add(Integer.toString(position.get(plan.outputFields().get(p - 1).name())));
            }
        } else {
            order.add("t.id");
        }
        if (!order.isEmpty()) {
            sql.append(" ORDER BY " + String.join(", ", order));
        }
        sql.append(" LIMIT " + plan.limit);
        return sql;
    }

    /** {@code FROM} the table, its joins and {@code WHERE} its conditions. */
    private static void from(ReportPlan plan, SqlText sql) {
        sql.append(" FROM " + plan.table.readSql() + " t");
        for (Column via : joins(plan)) {
            String j = "j" + via.id();
            // a joined table with a computed column in the report is read through its view (ADR 42)
            sql.append(" LEFT JOIN " + (computedThrough(plan, via) ? "v_" : "r_") + via.references() + " " + j + " ON "
                    + j + ".id = t." + via.sql());
        }
        sql.where("t.", plan.conditions, List.of(), null);
    }

    /**
     * What the totals row totals, in result column order (null: nothing): a grouped report's aggregates, over every
     * matching row; a list's numeric columns of the table itself (summed).
     */
    static List<Agg> totalled(ReportPlan plan) {
        List<Agg> out = new ArrayList<>();
        if (plan.grouped()) {
            plan.outputFields().forEach(f -> out.add(null));
            out.addAll(plan.aggregates);
        } else {
            for (Field f : plan.columns) {
                out.add(f.via() == null && f.column().type().isNumeric() ? new Agg("sum", f) : null);
            }
        }
        return out;
    }

    /**
     * The totals statement: {@code COUNT(*) AS n} and each of {@link #totalled} over every matching row (no limit),
     * one row per combination of the totalled money columns' currencies. Labels t0, t1, … (money: tN_cur).
     */
    static SqlText totalsSql(ReportPlan plan, Dialect dialect) {
        SqlText sql = new SqlText(dialect);
        List<String> select = new ArrayList<>(List.of("COUNT(*) AS n"));
        List<String> groupBy = new ArrayList<>();
        List<Agg> totalled = totalled(plan);
        for (int i = 0; i < totalled.size(); i++) {
            Agg a = totalled.get(i);
            if (a == null) {
                continue;
            }
            String target = a.field() == null ? "*" : a.field().alias() + a.field().column().sql();
            select.add(a.fn().toUpperCase(Locale.ROOT) + "(" + target + ") AS t" + i);
            if (a.field() != null && a.field().column().type() == ColumnType.MONEY && !a.fn().equals("count")) {
                String currency = a.field().alias() + a.field().column().currencySql();
                select.add(currency + " AS t" + i + "_cur");
                if (!groupBy.contains(currency)) {
                    groupBy.add(currency);
                }
            }
        }
        sql.append("SELECT " + String.join(", ", select));
        from(plan, sql);
        if (!groupBy.isEmpty()) {
            sql.append(" GROUP BY " + String.join(", ", groupBy) + " ORDER BY " + String.join(", ", groupBy));
        }
        return sql;
    }

    /** One totals row, in result column order (null where nothing is totalled). */
    static List<Value> readTotals(ReportPlan plan, ResultSet rs) throws SQLException {
        List<Value> row = new ArrayList<>();
        List<Agg> totalled = totalled(plan);
        for (int i = 0; i < totalled.size(); i++) {
            row.add(totalled.get(i) == null ? null : aggregate(rs, totalled.get(i), "t" + i));
        }
        return row;
    }

    /** Whether a field or filter of the report reads a computed column of the table {@code via} points to. */
    private static boolean computedThrough(ReportPlan plan, Column via) {
        List<Field> all = new ArrayList<>(plan.columns);
        all.addAll(plan.groups);
        plan.aggregates.stream().filter(a -> a.field() != null).forEach(a -> all.add(a.field()));
        String alias = "j" + via.id() + ".";
        return all.stream().anyMatch(f -> f.via() != null && f.via().id() == via.id() && f.column().isComputed())
                || plan.conditions.stream().anyMatch(c -> alias.equals(c.alias()) && c.column().isComputed());
    }

    private static Set<Column> joins(ReportPlan plan) {
        Set<Column> out = new LinkedHashSet<>();
        List<Field> all = new ArrayList<>(plan.columns);
        all.addAll(plan.groups);
        plan.aggregates.stream().filter(a -> a.field() != null).forEach(a -> all.add(a.field()));
        all.stream().filter(f -> f.via() != null).forEach(f -> out.add(f.via()));
        plan.conditions.stream().filter(c -> c.alias() != null && !c.alias().equals("t.")).forEach(c -> out.add(
                plan.table.columnById(Long.parseLong(c.alias().substring(1, c.alias().length() - 1))).orElseThrow()));
        return out;
    }

    /** One result row, in {@link ReportPlan#resultColumns()} order. */
    static List<Value> read(ReportPlan plan, ResultSet rs) throws SQLException {
        List<Value> row = new ArrayList<>();
        int i = 0;
        for (Field f : plan.outputFields()) {
            row.add(Value.of(f.column().type(), SqlValues.readAs(rs, f.column(), "o" + i, "o" + i + "_cur")));
            i++;
        }
        for (Agg a : plan.aggregates) {
            row.add(aggregate(rs, a, "o" + i));
            i++;
        }
        return row;
    }

    private static Value aggregate(ResultSet rs, Agg a, String label) throws SQLException {
        if (a.fn().equals("count")) {
            return new Value.Whole(rs.getLong(label));
        }
        Column c = a.field().column();
        if (a.fn().equals("avg")) {
            double avg = rs.getDouble(label);
            if (rs.wasNull()) {
                return null;
            }
            int scale = c.type() == ColumnType.INTEGER ? 0 : c.scale();
            BigDecimal value = new BigDecimal(avg).movePointLeft(scale).setScale(scale + 2, RoundingMode.HALF_EVEN);
            return c.type() == ColumnType.MONEY ? new Money(value, rs.getString(label + "_cur"))
                    : new Value.Decimal(value);
        }
        return Value.of(c.type(), SqlValues.readAs(rs, c, label, label + "_cur"));
    }
}
