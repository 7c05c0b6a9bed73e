package dev.cairn.workspace.model;

import java.util.List;

/**
 * A column of a user table as stored. {@code id} is permanent (the physical column is {@code c_<id>}); {@code name}
 * can be renamed. A removed column ({@code removed}) is hidden from the API but keeps its data until purged.
 *
 * @param choices      allowed values of a {@code choice} column, else empty
 * @param scale        digits after the decimal point of {@code decimal} and {@code money} columns (0–6)
 * @param currency     fixed currency of a {@code money} column, or null if each value names its own
 * @param references   the table id a {@code reference} column points to, else null
 * @param defaultValue the value a new record gets when it leaves the field out, or null
 * @param maxLength    longest accepted text for textual columns
 * @param computed     null for a column that holds what is written to it; else how the database computes its value
 *                     (a formula or an auto-number, ADR 42): {@code type}, {@code scale} and {@code currency} are
 *                     then those of the computed value, and writes never set it
 */
public record Column(long id, String name, String label, ColumnType type, boolean required, boolean unique,
        boolean indexed, List<String> choices, int scale, String currency, Long references, Value defaultValue,
        int maxLength, boolean removed, Computed computed) {

    public Column {
        choices = List.copyOf(choices);
    }

    /** What people call the column: its label, else {@link #title(String, String)} of its name. */
    public String title() {
        return title(name, label);
    }

    /**
     * What people call a column named {@code name} with {@code label}: the label, else the name with spaces for
     * underscores and a capital first letter ({@code billing_address} → {@code Billing address}).
     */
    public static String title(String name, String label) {
        if (label != null && !label.isBlank()) {
            return label;
        }
        if (name == null || name.isEmpty()) {
            return "";
        }
        String s = name.replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A column that holds what is written to it. */
    public Column(long id, String name, String label, ColumnType type, boolean required, boolean unique,
            boolean indexed, List<String> choices, int scale, String currency, Long references, Value defaultValue,
            int maxLength, boolean removed) {
        this(id, name, label, type, required, unique, indexed, choices, scale, currency, references, defaultValue,
                maxLength, removed, null);
    }

    /** Whether the database computes the value (a formula or an auto-number): no write sets it. */
    public boolean isComputed() {
        return computed != null;
    }

    public Column withComputed(Computed how) {
        return new Column(id, name, label, type, required, unique, indexed, choices, scale, currency, references,
                defaultValue, maxLength, removed, how);
    }

    public Column withId(long newId) {
        return new Column(newId, name, label, type, required, unique, indexed, choices, scale, currency, references,
                defaultValue, maxLength, removed, computed);
    }

    /** The physical column name; built from the id only. */
    public String sql() {
        return "c_" + id;
    }

    /** The physical currency column of a money column. */
    public String currencySql() {
        return "c_" + id + "_cur";
    }

    public Column withName(String newName) {
        return new Column(id, newName, label, type, required, unique, indexed, choices, scale, currency, references,
                defaultValue, maxLength, removed, computed);
    }

    public Column withDefault(Value value) {
        return new Column(id, name, label, type, required, unique, indexed, choices, scale, currency, references,
                value, maxLength, removed, computed);
    }

    /**
     * The default as a new record gets it: checked against the column's rules as they are now (a default can outlive a
     * choice or a shorter maximum length); null if there is none. Failures go to {@code errors} under the column's
     * name.
     */
    public Object defaultFor(List<FieldError> errors) {
        return defaultValue == null ? null : Value.canonicalOf(InvalidValue.readInto(defaultValue, this, name, errors));
    }
}
