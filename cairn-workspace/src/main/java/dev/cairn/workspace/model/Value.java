package dev.cairn.workspace.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A value of a user column, one kind per column type: {@link Text} for text, long text, choice, email and phone;
 * {@link Whole} for integers; {@link Decimal}; {@link Money}; {@link Date}; {@link DateTime}; {@link Bool};
 * {@link Reference} (a record id); {@link Attachment} (an uploaded file). Empty is {@code null}, never a value. A value states its kind, not that it is valid
 * for a column: {@link #read} checks that against the column's rules. Serialised as the wire form of
 * {@code docs/spec/http-api.md} §11 ({@link #wire()}), which is also the form stored in the change log.
 */
public sealed interface Value extends Submitted
        permits Value.Text, Value.Whole, Value.Decimal, Money, Value.Date, Value.DateTime, Value.Bool,
        Value.Reference, Attachment {

    /** Text, long text, choice, email and phone values. */
    record Text(String text) implements Value {
    }

    /** An integer. */
    record Whole(long value) implements Value {
    }

    /** An exact decimal. */
    record Decimal(BigDecimal value) implements Value {
    }

    /** A day. */
    record Date(LocalDate date) implements Value {
    }

    /** An instant. */
    record DateTime(Instant instant) implements Value {
    }

    /** Yes or no. */
    record Bool(boolean value) implements Value {
    }

    /** The id of a record of the table a reference column points to. */
    record Reference(long id) implements Value {
    }

    /**
     * The value as the services keep it inside: {@link String}, {@link Long}, {@link BigDecimal}, {@link Money},
     * {@link LocalDate}, {@link Instant}, {@link Boolean} or {@link Attachment}.
     */
    default Object canonical() {
        return switch (this) {
            case Text t -> t.text();
            case Whole w -> w.value();
            case Decimal d -> d.value();
            case Money m -> m;
            case Date d -> d.date();
            case DateTime d -> d.instant();
            case Bool b -> b.value();
            case Reference r -> r.id();
            case Attachment a -> a;
        };
    }

    /**
     * The wire form (JSON value) of {@code docs/spec/http-api.md} §11: money as {amount, currency}, dates as ISO text.
     */
    @JsonValue
    default Object wire() {
        return WireValues.toWire(canonical());
    }

    /** Whether values of this kind are what columns of {@code type} hold. */
    default boolean fits(ColumnType type) {
        return switch (this) {
            case Text t -> type.isTextual();
            case Whole w -> type == ColumnType.INTEGER;
            case Decimal d -> type == ColumnType.DECIMAL;
            case Money m -> type == ColumnType.MONEY;
            case Date d -> type == ColumnType.DATE;
            case DateTime d -> type == ColumnType.DATETIME;
            case Bool b -> type == ColumnType.BOOLEAN;
            case Reference r -> type == ColumnType.REFERENCE;
            case Attachment a -> type == ColumnType.ATTACHMENT;
        };
    }

    /** This value for {@code column}, checked against its rules (length, choices, scale, currency...). */
    @Override
    default Value read(Column column, String path) {
        if (!fits(column.type())) {
            throw new InvalidValue(path, "expected a " + column.type().wireName() + " value, got "
                    + ValueRules.kind(this));
        }
        return ValueRules.check(column, this, path);
    }

    /** The value of a canonical Java value of a column of {@code type}; null stays null. */
    static Value of(ColumnType type, Object canonical) {
        return switch (canonical) {
            case null -> null;
            case String s -> new Text(s);
            case Long n when type == ColumnType.REFERENCE -> new Reference(n);
            case Long n -> new Whole(n);
            case BigDecimal d -> new Decimal(d);
            case Money m -> m;
            case LocalDate d -> new Date(d);
            case Instant i -> new DateTime(i);
            case Boolean b -> new Bool(b);
            case Attachment a -> a;
            default -> throw new IllegalArgumentException("not a canonical value: " + canonical.getClass());
        };
    }

    /** The canonical form of a value, null for none. */
    static Object canonicalOf(Value value) {
        return value == null ? null : value.canonical();
    }
}
