package dev.cairn.workspace.web;

import dev.cairn.server.web.Forms;
import dev.cairn.server.ViewerZone;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.InvalidValue;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.Submitted;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.ValueRules;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.records.RecordInput;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The record form's values as text, by column name (a money column's currency under {@code name.currency}): read from
 * a submitted form, from a stored record or from the columns' defaults, and turned into the record service's
 * {@link RecordInput}. Fields are typed text in the cell syntax, except where the form's controls differ: a money
 * amount and its currency are separate fields, a {@code datetime-local} value is a time in the reader's zone without an offset, and a boolean
 * select sends {@code true} or {@code false}, and an attachment is the id of its upload (a hidden field; the
 * file input's upload is stored first, {@link FormFiles}). Immutable.
 */
final class RecordForm {
    private static final java.time.format.DateTimeFormatter LOCAL_MINUTE = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);
    private static final Pattern LOCAL_DATETIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d)?");
    /** An amount followed by a currency code, as the grid shows money of a column without a fixed currency. */
    private static final Pattern TRAILING_CURRENCY = Pattern.compile("(.*\\S)\\s+([A-Za-z]{3})");
    /** The field suffix of an attached file's name (shown again when the form comes back). */
    static final String FILE_NAME = ".name";
    /** The field suffix of the file input of an attachment column. */
    static final String FILE = ".file";
    /** The field suffix of the "remove the file" check box. */
    static final String REMOVE = ".remove";
    private final TableSpec table;
    private final Map<String, String> values;

    private RecordForm(TableSpec table, Map<String, String> values) {
        this.table = table;
        this.values = values;
    }

    /** The submitted fields, stripped (currencies in upper case). */
    static RecordForm submitted(Context ctx, TableSpec t) {
        Map<String, String> values = new HashMap<>();
        for (ColumnSpec col : t.columns()) {
            if (col.isComputed()) {
                continue;
            }
            String v = field(ctx, col.name());
            values.put(col.name(), v == null ? "" : v.strip());
            if (col.type() == ColumnType.ATTACHMENT) {
                String name = field(ctx, col.name() + FILE_NAME);
                values.put(col.name() + FILE_NAME, name == null ? "" : name);
                if (field(ctx, col.name() + REMOVE) != null) {
                    values.put(col.name(), "");
                }
            }
            if (col.type() == ColumnType.MONEY && col.currency() == null) {
                String cur = field(ctx, col.name() + ".currency");
                values.put(col.name() + ".currency", cur == null ? "" : cur.strip().toUpperCase(Locale.ROOT));
            }
        }
        return new RecordForm(t, values);
    }

    /**
     * The value of a field of the submitted form, url-encoded or multipart (a form with file inputs), or null when the
     * body is no form or lacks the field.
     */
    static String field(Context ctx, String name) {
        String type = ctx.contentType();
        if (type != null && type.startsWith("multipart/form-data")) {
            return ctx.formParam(name);
        }
        return Forms.field(ctx, name);
    }

    /** A new record's form: the columns' defaults. */
    static RecordForm defaults(TableSpec t) {
        Map<String, String> values = new HashMap<>();
        for (ColumnSpec col : t.columns()) {
            if (col.storedDefault() != null) {
                put(values, col, col.storedDefault());
            }
        }
        return new RecordForm(t, values);
    }

    /** A stored record's values as the form shows them. */
    static RecordForm of(TableSpec t, Record r) {
        Map<String, String> values = new HashMap<>();
        for (ColumnSpec col : t.columns()) {
            put(values, col, r.value(col.name()));
        }
        return new RecordForm(t, values);
    }

    private static void put(Map<String, String> values, ColumnSpec col, Value v) {
        switch (v) {
            case null -> values.put(col.name(), "");
            case Money m -> {
                values.put(col.name(), m.amount().toPlainString());
                values.put(col.name() + ".currency", m.currency());
            }
            case Value.DateTime d -> values.put(col.name(), LOCAL_MINUTE.format(d.instant()
                    .atZone(ViewerZone.current())));
            case Value.Decimal d -> values.put(col.name(), d.value().toPlainString());
            case Attachment a -> {
                values.put(col.name(), a.id());
                values.put(col.name() + FILE_NAME, a.name());
            }
            default -> values.put(col.name(), String.valueOf(v.wire()));
        }
    }

    /** This form with {@code file} attached in column {@code name}. */
    RecordForm withFile(String name, Attachment file) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(name, file.id());
        copy.put(name + FILE_NAME, file.name());
        return new RecordForm(table, copy);
    }

    /** The name of the file attached in column {@code name} ("" when none). */
    String fileName(String name) {
        return values.getOrDefault(name + FILE_NAME, "");
    }

    /** The text of column {@code name}'s field ("" when empty). */
    String value(String name) {
        return values.getOrDefault(name, "");
    }

    /** The currency field of money column {@code name} ("" when empty or fixed by the column). */
    String currency(String name) {
        return values.getOrDefault(name + ".currency", "");
    }

    /** Whether column {@code name} shows the same value (and currency) in both forms. */
    boolean sameAs(RecordForm other, String name) {
        return value(name).equals(other.value(name)) && currency(name).equals(other.currency(name));
    }

    /**
     * One cell of the table grid as a form holding only {@code col}'s field: its text and, for money without a fixed
     * currency, the currency (blank: taken from a trailing code in the text, as the grid shows {@code 12.50 EUR}).
     */
    static RecordForm cell(TableSpec t, ColumnSpec col, String text, String currency) {
        Map<String, String> values = new HashMap<>();
        String v = text == null ? "" : text.strip();
        String cur = currency == null ? "" : currency.strip().toUpperCase(Locale.ROOT);
        if (col.type() == ColumnType.MONEY && col.currency() == null && cur.isEmpty()) {
            var m = TRAILING_CURRENCY.matcher(v);
            if (m.matches()) {
                v = m.group(1).strip();
                cur = m.group(2).toUpperCase(Locale.ROOT);
            }
        }
        values.put(col.name(), v);
        values.put(col.name() + ".currency", cur);
        return new RecordForm(t, values);
    }

    /** The fields for the record service: on create empty fields are left out (their defaults apply), else cleared. */
    RecordInput input(boolean create) {
        Map<String, Submitted> fields = new LinkedHashMap<>();
        for (ColumnSpec col : table.columns()) {
            if (col.isComputed()) {
                continue;
            }
            String v = value(col.name());
            if (v.isEmpty()) {
                if (!create) {
                    fields.put(col.name(), Submitted.CLEAR);
                }
                continue;
            }
            fields.put(col.name(), submitted(col, v));
        }
        return RecordInput.of(fields);
    }

    /** An update of column {@code name} alone (empty: cleared), read as the full form reads that field. */
    RecordInput inputOf(ColumnSpec col) {
        String v = value(col.name());
        return RecordInput.of(Map.of(col.name(), v.isEmpty() ? Submitted.CLEAR : submitted(col, v)));
    }

    private Submitted submitted(ColumnSpec col, String v) {
        return switch (col.type()) {
            case BOOLEAN -> bool(v);
            case DATETIME -> Submitted.typed(LOCAL_DATETIME.matcher(v).matches() ? inReadersZone(v) : v);
            case MONEY -> col.currency() != null ? fixedMoney(v) : money(v, currency(col.name()));
            default -> Submitted.typed(v);
        };
    }

    /**
     * A {@code datetime-local} value as the instant it names in the reader's time zone (ADR 52), with its offset, so
     * the time a person typed shows again as typed; a time that summer time skips moves forward as the zone rules say.
     */
    private static String inReadersZone(String local) {
        return java.time.LocalDateTime.parse(local).atZone(ViewerZone.current()).toOffsetDateTime().toString();
    }

    /** The boolean select's {@code true} or {@code false}. */
    private static Submitted bool(String v) {
        return (column, path) -> switch (v) {
            case "true" -> new Value.Bool(true);
            case "false" -> new Value.Bool(false);
            default -> throw new InvalidValue(path, "expected true or false, got " + ValueRules.aString(v));
        };
    }

    /** An amount in the column's fixed currency. */
    private static Submitted fixedMoney(String amount) {
        return (column, path) -> new Money(ValueRules.decimalText(amount, column.scale(), path), column.currency());
    }

    /** An amount and its currency, from their two fields. */
    private static Submitted money(String amount, String currency) {
        return (Column column, String path) -> ValueRules.money(column, ValueRules.decimalText(amount, column.scale(),
                path + ".amount"), currency, path);
    }

    /** The service's refusals by column ({@code price.amount} belongs to {@code price}), joined per column. */
    Map<String, String> errors(ValidationException e) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldError err : e.errors()) {
            String name = err.field().split("[.\\[]", 2)[0];
            if (table.columns().stream().anyMatch(col -> col.name().equals(name))) {
                out.merge(name, err.message(), (a, b) -> a + "; " + b);
            }
        }
        return out;
    }
}
