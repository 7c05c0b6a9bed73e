package dev.cairn.workspace.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Submitted;
import dev.cairn.workspace.model.Value;
import java.util.List;

/**
 * A column as the API describes it (request and response). In requests, absent members take defaults: not required,
 * not unique, indexed unless {@code long_text} or {@code boolean}, scale 2, the type's longest text. {@code references}
 * names the target table. {@code defaultValue} is read against the column when it is stored (null: none given;
 * {@link Submitted#CLEAR}: none, or cleared by an alter); in responses it is the stored {@link Value}.
 * {@code unknownType} is a type name a request gave that names no {@link ColumnType} ({@code type} is then null): the
 * service reports it with the definition's other problems. A computed column (ADR 42) has a {@code formula} (as
 * people write it; in responses with today's names, and {@code type} is what it gives) or an {@code autoNumber}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnSpec(String name, String label, ColumnType type, Boolean required, Boolean unique, Boolean indexed,
        List<String> choices, Integer scale, String currency, String references,
        @JsonProperty("default") Submitted defaultValue, Integer maxLength, @JsonIgnore String unknownType,
        String formula, AutoNumberSpec autoNumber) {

    /** An auto-number's prefix, first number and least number of digits (absent: none, 1, no padding). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AutoNumberSpec(String prefix, Long start, Integer digits) {
    }

    /** A column that is not computed. */
    public ColumnSpec(String name, String label, ColumnType type, Boolean required, Boolean unique, Boolean indexed,
            List<String> choices, Integer scale, String currency, String references, Submitted defaultValue,
            Integer maxLength, String unknownType) {
        this(name, label, type, required, unique, indexed, choices, scale, currency, references, defaultValue,
                maxLength, unknownType, null, null);
    }

    /** A formula column: what it gives follows from the formula. */
    public static ColumnSpec formula(String name, String formula) {
        return new ColumnSpec(name, null, null, null, null, null, null, null, null, null, null, null, null, formula,
                null);
    }

    /** An auto-number column: {@code prefix} then {@code start}, {@code start + 1}, ... */
    public static ColumnSpec autoNumber(String name, String prefix, long start) {
        return new ColumnSpec(name, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new AutoNumberSpec(prefix, start, null));
    }

    public ColumnSpec labelled(String text) {
        return new ColumnSpec(name, text, type, required, unique, indexed, choices, scale, currency, references,
                defaultValue, maxLength, unknownType, formula, autoNumber);
    }

    /** A column of {@code type} with everything else defaulted. */
    public static ColumnSpec of(String name, ColumnType type) {
        return new ColumnSpec(name, null, type, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public ColumnSpec asRequired() {
        return new ColumnSpec(name, label, type, true, unique, indexed, choices, scale, currency, references,
                defaultValue, maxLength, unknownType, formula, autoNumber);
    }

    public ColumnSpec asUnique() {
        return new ColumnSpec(name, label, type, required, true, indexed, choices, scale, currency, references,
                defaultValue, maxLength, unknownType, formula, autoNumber);
    }

    public ColumnSpec withChoices(String... values) {
        return new ColumnSpec(name, label, type, required, unique, indexed, List.of(values), scale, currency,
                references, defaultValue, maxLength, unknownType, formula, autoNumber);
    }

    public ColumnSpec referencing(String table) {
        return new ColumnSpec(name, label, type, required, unique, indexed, choices, scale, currency, table,
                defaultValue, maxLength, unknownType, formula, autoNumber);
    }

    public ColumnSpec inCurrency(String code) {
        return new ColumnSpec(name, label, type, required, unique, indexed, choices, scale, code, references,
                defaultValue, maxLength, unknownType, formula, autoNumber);
    }

    public ColumnSpec withDefault(Submitted value) {
        return new ColumnSpec(name, label, type, required, unique, indexed, choices, scale, currency, references,
                value, maxLength, unknownType, formula, autoNumber);
    }

    /** Whether the database computes the column's values (a formula or an auto-number): forms have no field for it. */
    @JsonIgnore
    public boolean isComputed() {
        return formula != null || autoNumber != null;
    }

    /**
     * Whether {@code text} is a machine name (a-z, then a-z, 0-9 or _, not reserved), as opposed to words people
     * typed ({@code Country Code}), which a request gives as the label, leaving the name out to have it derived.
     */
    public static boolean isMachineName(String text) {
        return Names.valid(text);
    }

    /** This column named {@code newName}. */
    public ColumnSpec named(String newName) {
        return new ColumnSpec(newName, label, type, required, unique, indexed, choices, scale, currency, references,
                defaultValue, maxLength, unknownType, formula, autoNumber);
    }

    /** The stored default of a described column, or null. */
    @JsonIgnore
    public Value storedDefault() {
        return defaultValue instanceof Value v ? v : null;
    }
}
