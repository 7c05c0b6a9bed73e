package dev.cairn.workspace.reports;

import dev.cairn.workspace.model.DisplayColumn;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.records.RecordNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The values of a filter on a reference column, as people give them: a referenced record's display value
 * ({@code Acme}, any case) or its id ({@code 12}, {@code #12}); resolved to record ids (what the definition stores, so
 * renaming the record keeps the filter) and to the records' names (what a document states).
 *
 * @param ids   the record ids as text, in the given order
 * @param names the records' display values, in the same order
 */
record ReferenceFilter(List<String> ids, List<String> names) {
    /** How many same-named records an error lists. */
    private static final int LISTED = 5;

    /** The records {@code texts} name in {@code target}; null with errors under {@code path} if one names none or many. */
    static ReferenceFilter resolve(Handle h, TableDef target, List<String> texts, String path, List<FieldError> errors) {
        List<Long> ids = new ArrayList<>();
        String table = target.label() == null ? target.name() : target.label();
        for (String text : texts) {
            List<Long> found = RecordNames.find(h, target, text, LISTED);
            if (found.isEmpty()) {
                errors.add(new FieldError(path, "no record of " + table + " is called '" + text.strip() + "'"));
            } else if (found.size() > 1) {
                errors.add(new FieldError(path, found.size() + (found.size() == LISTED ? " or more" : "")
                        + " records of " + table + " are called '" + text.strip() + "'; write one's number instead ("
                        + String.join(", ", found.stream().map(DisplayColumn::byId).toList()) + ")"));
            } else {
                ids.add(found.getFirst());
            }
        }
        if (ids.size() != texts.size()) {
            return null;
        }
        Map<Long, String> names = RecordNames.of(h, target, ids);
        return new ReferenceFilter(ids.stream().map(String::valueOf).toList(),
                ids.stream().map(id -> names.getOrDefault(id, DisplayColumn.byId(id))).toList());
    }
}
