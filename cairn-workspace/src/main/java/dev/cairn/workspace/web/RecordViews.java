package dev.cairn.workspace.web;

import java.util.List;

/** The view models of the records workspace pages (what the templates see); all immutable. */
public final class RecordViews {
    private RecordViews() {
    }

    /**
     * The workspace a page is about: its owner's name, the base path of its pages, and what the caller may do there.
     */
    public record Ws(String owner, String base, String role, boolean canEdit, boolean isOwner) {
        public String table(String table) {
            return base + "/tables/" + table;
        }

        public String record(String table, Object id) {
            return base + "/tables/" + table + "/records/" + id;
        }

        /** The table designer of {@code table}. */
        public String design(String table) {
            return base + "/tables/" + table + "/design";
        }

        public String reports() {
            return base + "/reports";
        }

        public String report(Object id) {
            return base + "/reports/" + id;
        }

        public String members() {
            return base + "/members";
        }

        /** The download of uploaded file {@code id}. */
        public String file(String id) {
            return base + "/files/" + id;
        }
    }

    /** A table in the list: name, label, column count, link. */
    public record TableRow(String name, String label, int columns) {
    }

    /** A starter template the empty workspace can begin from. */
    public record TemplateOption(String name, String title, String tables) {
    }

    /** A displayed value: text, a link when it refers to another record; {@code numeric} ones are right-aligned. */
    public record Cell(String text, String href, boolean numeric) {
        public Cell(String text, String href) {
            this(text, href, false);
        }
    }

    /** An option of a select. */
    public record Option(String value, String label, boolean selected) {
    }

    /**
     * A field of the record form. {@code kind} is the control: {@code input} (with {@code inputType}), {@code textarea},
     * {@code select} ({@code options}), {@code money} (amount plus, without a fixed currency, a currency input) or
     * {@code file} (the file now attached, {@code fileName} with its download {@code fileHref}, and a file input).
     * {@code current} is the value now stored when a stale edit was refused (null otherwise).
     */
    public record Field(String name, String label, String typeName, String kind, String inputType, String value,
            String currency, String fixedCurrency, boolean required, List<Option> options, String hint, String error,
            String current, String fileName, String fileHref) {
        public String id() {
            return "field-" + name;
        }

        public String errorId() {
            return error == null ? null : id() + "-error";
        }

        public String describedBy() {
            String hintId = hint == null ? null : id() + "-hint";
            String currentId = current == null ? null : id() + "-current";
            String ids = String.join(" ", java.util.stream.Stream.of(hintId, errorId(), currentId)
                    .filter(java.util.Objects::nonNull).toList());
            return ids.isEmpty() ? null : ids;
        }
    }

    /** A value shown read-only: label and display text (with a link for references). */
    public record Shown(String label, Cell value) {
    }

    /** One change in a record's history: op, version, actor, time, and each changed column's old and new value. */
    public record HistoryEntry(String op, Long version, String actor, String at, List<ChangeLine> changes) {
    }

    /** One column's change. */
    public record ChangeLine(String column, String oldValue, String newValue) {
    }

    /** A recently deleted record, with when and by whom. */
    public record DeletedRow(long id, String label, String deletedAt, String deletedBy, String historyHref) {
    }
}
