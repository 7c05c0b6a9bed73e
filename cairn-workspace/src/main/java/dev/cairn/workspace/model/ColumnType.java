package dev.cairn.workspace.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The types of user columns, by their stable wire names (never {@link #name()}). Each maps to one physical SQL column
 * type that both dialects share; money has a second physical column for the currency.
 */
public enum ColumnType {
    TEXT("text", "TEXT"),
    LONG_TEXT("long_text", "TEXT"),
    INTEGER("integer", "BIGINT"),
    /** Exact: stored as a BIGINT of value × 10^scale, so sums and sorts are exact and fast on both dialects. */
    DECIMAL("decimal", "BIGINT"),
    /** Amount as for decimal (scale = the column's, default 2) plus an ISO 4217 currency column. */
    MONEY("money", "BIGINT"),
    /** ISO {@code yyyy-MM-dd} text, which sorts and compares correctly as text. */
    DATE("date", "TEXT"),
    /** UTC epoch milliseconds. */
    DATETIME("datetime", "BIGINT"),
    BOOLEAN("boolean", "INTEGER"),
    CHOICE("choice", "TEXT"),
    EMAIL("email", "TEXT"),
    PHONE("phone", "TEXT"),
    /** The id of a row of another (or the same) table. */
    REFERENCE("reference", "BIGINT"),
    /**
     * A file kept in the workspace owner's attachment store (ADR 29); the column holds its {@link Attachment} as
     * compact JSON text (upload id, name, content type, bytes, SHA-256).
     */
    ATTACHMENT("attachment", "TEXT");

    private final String wireName;
    private final String sqlType;

    ColumnType(String wireName, String sqlType) {
        this.wireName = wireName;
        this.sqlType = sqlType;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public String sqlType() {
        return sqlType;
    }

    /** Whether values are strings a "contains" filter and quick search apply to. */
    public boolean isTextual() {
        return this == TEXT || this == LONG_TEXT || this == CHOICE || this == EMAIL || this == PHONE;
    }

    /** Whether sum and average make sense. */
    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL || this == MONEY;
    }

    public static Optional<ColumnType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** The wire names, for error messages. */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(ColumnType::wireName).toList());
    }
}
