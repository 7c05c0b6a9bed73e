package dev.cairn.workspace.model;

/**
 * How the database computes a column's value (ADR 42): a {@link Formula} over the row, its references and the records
 * that refer to it, or an {@link AutoNumber} derived from the record's id. Computed columns are read through the
 * table's view ({@link TableDef#readSql()}); their physical column stays empty.
 */
public sealed interface Computed permits Computed.Formula, Computed.AutoNumber {

    /**
     * A formula in its stored form: the source with every column written {@code {c<id>}} and every table
     * {@code {t<id>}}, so renames never break it. Shown to people with the current names.
     */
    record Formula(String stored) implements Computed {
    }

    /**
     * {@code prefix} then the number {@code start + id - 1} of the record (at least {@code digits} digits, zeros in
     * front): unique and never reused, because record ids are neither.
     */
    record AutoNumber(String prefix, long start, int digits) implements Computed {
    }
}
