package dev.cairn.workspace.web;

import dev.cairn.server.web.Forms;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Submitted;
import dev.cairn.workspace.schema.ColumnSpec;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The table designer's column forms, read into {@link ColumnSpec}s, and column definitions shown back as form values.
 * Only the options of the chosen type are sent, so a stray value in another type's field never causes an error.
 * Stateless.
 */
final class ColumnForms {
    /** The fields of a column form (besides the CSRF token). */
    static final String[] FIELDS = {"name", "label", "type", "required", "unique", "default", "choices", "currency",
        "scale", "references", "maxLength", "formula", "prefix", "start"};
    /** The designer's words for the computed kinds (ADR 42), beside the column types. */
    static final String FORMULA = "formula";
    static final String AUTONUMBER = "autonumber";

    private ColumnForms() {
    }

    /** A new column from the add-column (or new-table) form. */
    static ColumnSpec toNew(Context ctx) {
        String typeName = WsScope.field(ctx, "type");
        if (FORMULA.equals(typeName)) {
            return ColumnSpec.formula(WsScope.field(ctx, "name"), WsScope.field(ctx, "formula"))
                    .labelled(blankToNull(WsScope.field(ctx, "label")));
        }
        if (AUTONUMBER.equals(typeName)) {
            Integer start = number(ctx, "start", -1);
            return new ColumnSpec(WsScope.field(ctx, "name"), blankToNull(WsScope.field(ctx, "label")), null, null,
                    null, null, null, null, null, null, null, null, null, null, new ColumnSpec.AutoNumberSpec(
                    WsScope.field(ctx, "prefix"), start == null ? null : start.longValue(), null));
        }
        ColumnType type = ColumnType.fromWire(typeName).orElse(null);
        if (type == null) {
            return new ColumnSpec(WsScope.field(ctx, "name"), null, null, null, null, null, null, null, null, null,
                    null, null, typeName);
        }
        String[] named = nameAndLabel(WsScope.field(ctx, "name"), WsScope.field(ctx, "label"));
        return new ColumnSpec(named[0], named[1], type,
                checked(ctx, "required"), checked(ctx, "unique"), null,
                type == ColumnType.CHOICE ? lines(WsScope.field(ctx, "choices")) : null,
                hasScale(type) ? number(ctx, "scale", -1) : null,
                type == ColumnType.MONEY ? blankToNull(WsScope.field(ctx, "currency").toUpperCase(Locale.ROOT)) : null,
                type == ColumnType.REFERENCE ? WsScope.field(ctx, "references") : null,
                typed(WsScope.field(ctx, "default")), type.isTextual() ? number(ctx, "maxLength", 0) : null, null);
    }

    /**
     * The changes of an existing column's form, for {@code alter} (named {@code name}, its name after any rename):
     * required, unique (where the type allows it), default (empty clears it), choices, label and maximum length.
     */
    static ColumnSpec toAlter(Context ctx, ColumnSpec current, String name) {
        if (current.formula() != null) {
            return ColumnSpec.formula(name, WsScope.field(ctx, "formula")).labelled(blankToNull(WsScope.field(ctx,
                    "label")));
        }
        if (current.autoNumber() != null) {
            return new ColumnSpec(name, blankToNull(WsScope.field(ctx, "label")), null, null, null, null, null, null,
                    null, null, null, null, null, null, new ColumnSpec.AutoNumberSpec(WsScope.field(ctx, "prefix"),
                    null, null));
        }
        ColumnType type = current.type();
        Submitted def = typed(WsScope.field(ctx, "default"));
        return new ColumnSpec(name, blankToNull(WsScope.field(ctx, "label")), null, checked(ctx, "required"),
                uniqueAllowed(type) ? checked(ctx, "unique") : null, null,
                type == ColumnType.CHOICE ? lines(WsScope.field(ctx, "choices")) : null, null, null, null,
                def == null ? Submitted.CLEAR : def, type.isTextual() ? number(ctx, "maxLength", 0) : null, null);
    }

    /**
     * The name and label of what a form's name field and label field hold: a machine name stays the name; other words
     * ({@code Country Code}) become the label when none is given, and the name is left out for the service to derive
     * ({@code country_code}).
     */
    static String[] nameAndLabel(String typed, String label) {
        if (!typed.isEmpty() && !ColumnSpec.isMachineName(typed) && label.isEmpty()) {
            return new String[] {null, typed};
        }
        return new String[] {typed, blankToNull(label)};
    }

    /** A default as typed into the form, read in the column's cell syntax; null when blank. */
    private static Submitted typed(String text) {
        return text.isBlank() ? null : Submitted.typed(text);
    }

    static boolean uniqueAllowed(ColumnType type) {
        return type != ColumnType.LONG_TEXT && type != ColumnType.BOOLEAN && type != ColumnType.MONEY
                && type != ColumnType.ATTACHMENT;
    }

    static boolean hasScale(ColumnType type) {
        return type == ColumnType.DECIMAL || type == ColumnType.MONEY;
    }

    /** A column's values as its form shows them (before any edit). */
    static Forms valuesOf(ColumnSpec c) {
        return Forms.empty().value("name", c.name()).value("label", c.label() == null ? "" : c.label())
                .value("type", c.type().wireName()).value("required", Boolean.TRUE.equals(c.required()) ? "on" : "")
                .value("unique", Boolean.TRUE.equals(c.unique()) ? "on" : "")
                .value("default", Labels.display(c.storedDefault()))
                .value("choices", c.choices() == null ? "" : String.join("\n", c.choices()))
                .value("maxLength", c.maxLength() == null ? "" : c.maxLength().toString())
                .value("formula", c.formula() == null ? "" : c.formula())
                .value("prefix", c.autoNumber() == null ? "" : c.autoNumber().prefix());
    }

    /** A column's kind in words: its type, or "formula (money)", "auto-number". */
    static String kind(ColumnSpec c) {
        if (c.formula() != null) {
            return "formula (" + c.type().wireName().replace('_', ' ') + ")";
        }
        return c.autoNumber() != null ? "auto-number" : c.type().wireName().replace('_', ' ');
    }

    /** What the type's options are, in words ("choices: a, b", "EUR, 2 decimals", "refers to customers"). */
    static String details(ColumnSpec c, java.util.function.UnaryOperator<String> tableTitle) {
        if (c.formula() != null) {
            return "= " + c.formula();
        }
        if (c.autoNumber() != null) {
            var a = c.autoNumber();
            return a.prefix() + a.start() + ", " + a.prefix() + (a.start() + 1) + ", …";
        }
        return switch (c.type()) {
            case CHOICE -> "choices: " + String.join(", ", c.choices() == null ? List.of() : c.choices());
            case MONEY -> (c.currency() == null ? "any currency" : c.currency()) + ", " + c.scale() + " decimals";
            case DECIMAL -> c.scale() + " decimals";
            case REFERENCE -> "refers to " + tableTitle.apply(c.references());
            default -> c.maxLength() == null ? "" : "at most " + c.maxLength() + " characters";
        };
    }

    /** Where a service error's path goes on a column form ({@code add[0].default} → {@code default}); null: form. */
    static String fieldOf(String path) {
        if (path.matches("rename\\[\\d+]\\.to|name")) {
            return "name";
        }
        String rest = path.replaceFirst("^(add|alter|columns)\\[\\d+]\\.?", "");
        String field = rest.split("[.\\[]", 2)[0];
        return Arrays.asList(FIELDS).contains(field) ? field : null;
    }

    private static Boolean checked(Context ctx, String name) {
        return !WsScope.field(ctx, name).isEmpty();
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static Integer number(Context ctx, String name, int invalid) {
        String v = WsScope.field(ctx, name);
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return invalid; // refused by the service with the field's rule
        }
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
