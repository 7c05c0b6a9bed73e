package dev.cairn.workspace.schema;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Computed;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.Submitted;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.write.WriteTx;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes one column's rules in place, after checking that the stored records satisfy them: a column becomes required
 * only if no record lacks a value, unique only if no value repeats, a choice is dropped only if no record uses it, the
 * maximum length shrinks only if no value is longer. Type, scale, currency and reference target never change in place.
 */
final class ColumnAlter {
    private final Dialect dialect;
    private final WriteTx tx;
    private final TableDef table;
    private final SchemaUsers users;
    private final Schema schema;

    ColumnAlter(Schema schema, WriteTx tx, TableDef table, SchemaUsers users) {
        this.schema = schema;
        this.dialect = schema.dialect();
        this.tx = tx;
        this.table = table;
        this.users = users;
    }

    void apply(ColumnSpec spec, String path) {
        Column c = table.column(spec.name()).orElseThrow(() -> ValidationException.of(path + ".name", "no column '"
                + spec.name() + "'"));
        if (c.isComputed() || spec.formula() != null || spec.autoNumber() != null) {
            alterComputed(c, spec, path);
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        fixed(spec, c, path, errors);
        boolean required = spec.required() == null ? c.required() : spec.required();
        boolean unique = spec.unique() == null ? c.unique() : spec.unique();
        boolean indexed = unique || c.type() == ColumnType.REFERENCE || (spec.indexed() == null ? c.indexed()
                : spec.indexed());
        List<String> choices = spec.choices() == null ? c.choices()
                : ColumnRules.checkChoices(spec.choices(), path + ".choices", errors);
        int maxLength = spec.maxLength() == null ? c.maxLength() : spec.maxLength();
        if (spec.maxLength() != null && (!c.type().isTextual() || maxLength < 1
                || maxLength > ColumnRules.maxLength(c.type()))) {
            errors.add(new FieldError(path + ".maxLength", "must be 1 to " + ColumnRules.maxLength(c.type())
                    + " for a textual column"));
        }
        ValidationException.throwIfAny(errors, "the column change is invalid");
        Column after = new Column(c.id(), c.name(), spec.label() == null ? c.label() : spec.label(), c.type(), required,
                unique, indexed, choices, c.scale(), c.currency(), c.references(), c.defaultValue(), maxLength, false);
        after = withDefault(spec, after, path, errors);
        ValidationException.throwIfAny(errors, "the column change is invalid");
        checkRecords(c, after, path, errors);
        ValidationException.throwIfAny(errors, "the stored records do not allow this change");
        ColumnRows.update(tx.handle(), after);
        PhysicalTables.reindex(tx.handle(), dialect, table.sql(), c, after);
    }

    /**
     * A computed column's label, formula, or auto-number prefix and digits; a formula that gives another kind of
     * value gets a new (empty) physical column of that type. An auto-number's start never changes (numbers shown
     * before would move to other records).
     */
    private void alterComputed(Column c, ColumnSpec spec, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (!c.isComputed() || spec.formula() != null && !(c.computed() instanceof Computed.Formula)
                || spec.autoNumber() != null && !(c.computed() instanceof Computed.AutoNumber)) {
            errors.add(new FieldError(path, "a column never turns into or out of a formula or an auto-number in "
                    + "place; add a new column instead"));
        } else if (spec.type() != null || spec.required() != null || spec.unique() != null || spec.choices() != null
                || spec.scale() != null || spec.currency() != null || spec.references() != null
                || spec.defaultValue() != null || spec.maxLength() != null || spec.indexed() != null) {
            errors.add(new FieldError(path, "a computed column only changes its label and its formula or "
                    + "auto-number"));
        }
        ValidationException.throwIfAny(errors, "the column change is invalid");
        Column labelled = spec.label() == null ? c : new Column(c.id(), c.name(), spec.label(), c.type(), false,
                false, false, List.of(), c.scale(), c.currency(), null, null, c.maxLength(), false, c.computed());
        if (c.computed() instanceof Computed.AutoNumber a && spec.autoNumber() != null) {
            var n = spec.autoNumber();
            if (n.start() != null && n.start() != a.start()) {
                throw ValidationException.of(path + ".autoNumber.start", "an auto-number's start never changes: "
                        + "the numbers shown so far would move to other records");
            }
            Column probe = ComputedRules.check(new ColumnSpec(c.name(), null, null, null, null, null, null, null, null,
                    null, null, null, null, null, new ColumnSpec.AutoNumberSpec(n.prefix() == null ? a.prefix()
                    : n.prefix(), a.start(), n.digits() == null ? a.digits() : n.digits())), path, errors);
            ValidationException.throwIfAny(errors, "the column change is invalid");
            labelled = labelled.withComputed(probe.computed());
        }
        ColumnRows.update(tx.handle(), labelled);
        if (spec.formula() != null) {
            FormulaColumns.checkOne(tx.handle(), dialect, labelled, spec.formula(), table, schema.tables(tx.handle(),
                    tx.workspaceId()), path, errors);
            ValidationException.throwIfAny(errors, "the formula is invalid");
            Column after = schema.byId(tx.handle(), table.id()).columnById(c.id()).orElseThrow();
            if (after.type() != c.type()) {
                PhysicalTables.dropColumn(tx.handle(), table.sql(), c);
                PhysicalTables.addColumn(tx.handle(), dialect, table.id(), after, 0);
            }
        }
    }

    private static void fixed(ColumnSpec spec, Column c, String path, List<FieldError> errors) {
        if ((spec.type() != null || spec.unknownType() != null) && spec.type() != c.type()) {
            errors.add(new FieldError(path + ".type", "a column's type never changes in place; add a new column, "
                    + "copy the values, then remove this one"));
        }
        if (spec.scale() != null && spec.scale() != c.scale() || spec.currency() != null
                && !spec.currency().equalsIgnoreCase(String.valueOf(c.currency())) || spec.references() != null) {
            errors.add(new FieldError(path, "scale, currency and references never change in place"));
        }
        if (spec.choices() != null && c.type() != ColumnType.CHOICE) {
            errors.add(new FieldError(path + ".choices", "only choice columns have choices"));
        }
    }

    private static Column withDefault(ColumnSpec spec, Column after, String path, List<FieldError> errors) {
        if (spec.defaultValue() == null) {
            return after.unique() && after.defaultValue() != null ? after.withDefault(null) : after;
        }
        if (spec.defaultValue() == Submitted.CLEAR) {
            return after.withDefault(null);
        }
        int before = errors.size();
        Value value = ColumnRules.checkDefault(after, spec.defaultValue(), path, errors);
        return errors.size() > before ? after : after.withDefault(value);
    }

    private void checkRecords(Column before, Column after, String path, List<FieldError> errors) {
        String t = table.sql();
        String col = before.sql();
        if (after.required() && !before.required()) {
            long missing = count("SELECT COUNT(*) FROM " + t + " WHERE " + col + " IS NULL");
            if (missing > 0) {
                errors.add(new FieldError(path + ".required", missing + " record(s) have no value; fill them in first"));
            }
        }
        if (after.unique() && !before.unique()) {
            tx.handle().createQuery("SELECT " + col + " FROM " + t + " WHERE " + col + " IS NOT NULL GROUP BY " + col
                    + " HAVING COUNT(*) > 1").setMaxRows(1).map((rs, ctx) -> rs.getString(1)).findFirst().ifPresent(v ->
                    errors.add(new FieldError(path + ".unique", "the value '" + v + "' appears in several records; "
                            + "make the values unique first")));
        }
        List<String> dropped = before.choices().stream().filter(c -> !after.choices().contains(c)).toList();
        refuseIfReported(before, dropped, path);
        for (String choice : dropped) {
            long using = tx.handle().createQuery("SELECT COUNT(*) FROM " + t + " WHERE " + col + " = :v")
                    .bind("v", choice)
                    .mapTo(Long.class).one();
            if (using > 0) {
                errors.add(new FieldError(path + ".choices", using + " record(s) use the choice '" + choice
                        + "'; change them first"));
            }
        }
        if (after.maxLength() < before.maxLength()) {
            long longer = tx.handle().createQuery("SELECT COUNT(*) FROM " + t + " WHERE LENGTH(" + col + ") > :n")
                    .bind("n", after.maxLength()).mapTo(Long.class).one();
            if (longer > 0) {
                errors.add(new FieldError(path + ".maxLength", longer + " record(s) have longer values"));
            }
        }
    }

    /** A report filtering on a dropped choice would no longer run: refused with {@code in-use}, naming the reports. */
    private void refuseIfReported(Column before, List<String> dropped, String path) {
        for (String choice : dropped) {
            List<String> using = users.filteringOn(tx.handle(), table.id(), before.id(), choice);
            if (!using.isEmpty()) {
                String message = "the choice '" + choice + "' of '" + table.name() + "." + before.name() + "' is used "
                        + "in a filter of the saved report(s) " + Names.quoted(using) + "; change them first";
                throw new ReportsInUseException(message, table.name() + "." + before.name(), using,
                        List.of(new FieldError(path + ".choices", message)));
            }
        }
    }

    private long count(String sql) {
        return tx.handle().createQuery(sql).mapTo(Long.class).one();
    }
}
