package dev.cairn.workspace.web;

import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import dev.cairn.workspace.web.RecordViews.Field;
import dev.cairn.workspace.web.RecordViews.Option;
import java.util.ArrayList;
import java.util.List;

/**
 * The record form's controls, one per column type: text inputs with the type's hint, a textarea for long text, a
 * {@code date} or {@code datetime-local} input, selects for booleans, choices and references (the referenced table's
 * first records), an amount with a currency for money, and the attached file with a file input for attachments. Not thread-safe; one per rendering.
 */
final class RecordFields {
    private final WorkspaceModule ws;
    private final Caller caller;

    RecordFields(WorkspaceModule ws, Caller caller) {
        this.ws = ws;
        this.caller = caller;
    }

    /**
     * The control of {@code col} showing {@code value} (and {@code currency}), its {@code error} and {@code current}.
     */
    Field field(ColumnSpec col, String value, String currency, String error, String current, String fileName) {
        String type = col.type().wireName();
        Control k = switch (col.type()) {
            case LONG_TEXT -> new Control("textarea", null, List.of(), null);
            case INTEGER -> new Control("input", "text", List.of(), "A whole number.");
            case DECIMAL -> new Control("input", "text", List.of(), "A number, e.g. 12.5 (at most "
                    + (col.scale() == null ? 2 : col.scale()) + " digits after the point).");
            case MONEY -> new Control("money", "text", List.of(), col.currency() == null ? "Amount, e.g. 12.50, and an "
                    + "ISO currency code such as EUR." : "Amount in " + col.currency() + ", e.g. 12.50.");
            case DATE -> new Control("input", "date", List.of(), null);
            case DATETIME -> new Control("input", "datetime-local", List.of(), "In your time zone ("
                    + dev.cairn.server.ViewerZone.current().getId() + ").");
            case EMAIL -> new Control("input", "email", List.of(), null);
            case PHONE -> new Control("input", "tel", List.of(), null);
            case BOOLEAN -> new Control("select", null, options(List.of(new String[] {"true", "Yes"},
                    new String[] {"false", "No"}), value), null);
            case CHOICE -> new Control("select", null, options(col.choices().stream().map(ch -> new String[] {ch, ch})
                    .toList(), value), null);
            case REFERENCE -> new Control("select", null, referenceOptions(col, value), null);
            case ATTACHMENT -> new Control("file", "file", List.of(), value.isEmpty() ? "Any file up to "
                    + Labels.size(ws.attachments().maxBytes()) + "." : "Choose a file to replace it (up to "
                    + Labels.size(ws.attachments().maxBytes()) + ").");
            default -> new Control("input", "text", List.of(), null);
        };
        boolean money = k.kind().equals("money");
        return new Field(col.name(), Labels.of(col), type, k.kind(), k.inputType(), value, money ? currency : null,
                money ? col.currency() : null, Boolean.TRUE.equals(col.required()), k.options(), k.hint(), error,
                current, fileName, value.isEmpty() || !k.kind().equals("file") ? null
                        : WsScope.view(caller).file(value));
    }

    /**
     * A control: its kind ({@code input}, {@code textarea}, {@code select}, {@code money}), input type, options, hint.
     */
    private record Control(String kind, String inputType, List<Option> options, String hint) {
    }

    private static List<Option> options(List<String[]> pairs, String value) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "(none)", value.isEmpty()));
        for (String[] p : pairs) {
            out.add(new Option(p[0], p[1], p[0].equals(value)));
        }
        return out;
    }

    /** The referenced table's first records, and the record of {@code value} when it is not among them. */
    private List<Option> referenceOptions(ColumnSpec col, String value) {
        TableSpec target = ws.tables().get(caller, col.references());
        List<String[]> pairs = new ArrayList<>();
        for (Record r : ReferenceLabels.choices(ws, caller, target.name())) {
            pairs.add(new String[] {String.valueOf(r.id()), Labels.record(target, r)});
        }
        if (!value.isEmpty() && pairs.stream().noneMatch(p -> p[0].equals(value))) {
            pairs.add(new String[] {value, "#" + value});
        }
        return options(pairs, value);
    }
}
