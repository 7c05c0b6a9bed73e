package dev.cairn.export.format;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.TableDef;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads a table loaded from the bundle (the SQLite file, or the SQL script in SQLite or PostgreSQL) back. */
final class Sql {
    private Sql() {
    }

    /**
     * [id, version, values...] of {@code table}. {@code numericAffinity}: decimals went through SQLite's NUMERIC
     * affinity (the SQL script in SQLite), so they come back as numbers and get the column's scale again.
     */
    static List<List<Object>> rows(Connection c, String table, TableDef def, boolean numericAffinity)
            throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM \"" + table + "\" ORDER BY \"id\"")) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>(List.of(rs.getLong("id"), rs.getLong("version")));
                for (Column col : def.columns()) {
                    row.add(value(rs, col, numericAffinity));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static Object value(ResultSet rs, Column c, boolean numericAffinity) throws SQLException {
        Object raw = rs.getObject(c.name());
        if (raw == null) {
            return null;
        }
        return switch (c.type()) {
            case TEXT, LONG_TEXT, CHOICE, EMAIL, PHONE, ATTACHMENT -> rs.getString(c.name());
            case INTEGER, REFERENCE -> ((Number) raw).longValue();
            case DECIMAL -> decimal(raw, c, numericAffinity);
            case MONEY -> new Money(decimal(raw, c, numericAffinity), rs.getString(c.name() + ".currency"));
            case DATE -> LocalDate.parse(rs.getString(c.name()));
            case DATETIME -> raw instanceof String s ? Instant.parse(s)
                    : rs.getObject(c.name(), OffsetDateTime.class).toInstant();
            case BOOLEAN -> raw instanceof Boolean b ? b : ((Number) raw).intValue() != 0;
        };
    }

    /** {@code rows} with every decimal and money amount as the nearest double (SQLite's REAL), its scale kept. */
    static List<List<Object>> asReal(List<List<Object>> rows) {
        return rows.stream().map(row -> row.stream().map(v -> switch (v) {
            case BigDecimal d -> real(d);
            case Money m -> new Money(real(m.amount()), m.currency());
            case null, default -> v;
        }).toList()).toList();
    }

    private static BigDecimal real(BigDecimal d) {
        return new BigDecimal(Double.toString(d.doubleValue())).setScale(d.scale(), java.math.RoundingMode.HALF_EVEN);
    }

    private static BigDecimal decimal(Object raw, Column c, boolean numericAffinity) {
        if (raw instanceof BigDecimal d) {
            return d;
        }
        if (raw instanceof String s) {
            return new BigDecimal(s);
        }
        if (!numericAffinity) {
            throw new AssertionError("a decimal stored as " + raw.getClass().getSimpleName() + ": " + raw);
        }
        return (raw instanceof Double d ? new BigDecimal(d.toString()) : BigDecimal.valueOf(((Number) raw).longValue()))
                .setScale(c.scale(), java.math.RoundingMode.HALF_EVEN);
    }
}
