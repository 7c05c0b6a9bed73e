package dev.cairn.export.delta;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cairn.export.bundle.Entries;
import dev.cairn.export.bundle.Manifest;
import dev.cairn.export.format.JsonLinesRows;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.snapshot.Snapshot;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the table files of an incremental bundle (docs/spec/export-format.md §7): for each live table at the cut,
 * all its rows when its definition changed after {@code since} (or it is new), else the rows of the records changed
 * after {@code since} that still exist, in the JSON Lines format's row form; then {@link Manifest#DELETED_PATH}, the
 * records changed after {@code since} that no longer exist. Tables nothing touched get no file.
 */
public final class Increments {
    private static final JsonFactory JSON = new JsonFactory();

    private Increments() {
    }

    /** Writes the changes of {@code snapshot} after {@code since}; returns which tables it replaced and merged. */
    public static Manifest.Changes write(Snapshot snapshot, Entries out, long since) throws Exception {
        Touched touched = Touched.since(snapshot, since);
        List<Long> replaced = new ArrayList<>();
        List<Long> merged = new ArrayList<>();
        Map<Long, List<Long>> deleted = new TreeMap<>();
        for (TableDef table : snapshot.tables()) {
            if (touched.schema().contains(table.id())) {
                JsonLinesRows.write(snapshot, table, out, id -> true);
                replaced.add(table.id());
            } else if (touched.records().containsKey(table.id())) {
                Set<Long> ids = touched.records().get(table.id());
                Set<Long> present = new HashSet<>();
                JsonLinesRows.write(snapshot, table, out, id -> ids.contains(id) && present.add(id));
                List<Long> gone = ids.stream().filter(id -> !present.contains(id)).sorted().toList();
                if (!gone.isEmpty()) {
                    deleted.put(table.id(), gone);
                }
                merged.add(table.id());
            }
        }
        writeDeleted(out, deleted);
        return new Manifest.Changes(replaced, merged);
    }

    private static void writeDeleted(Entries out, Map<Long, List<Long>> deleted) throws Exception {
        long rows = 0;
        try (OutputStream os = out.open(Manifest.DELETED_PATH);
                JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            for (var e : deleted.entrySet()) {
                for (long id : e.getValue()) {
                    g.writeStartObject();
                    g.writeNumberField("table", e.getKey());
                    g.writeNumberField("id", id);
                    g.writeEndObject();
                    g.writeRaw('\n');
                    rows++;
                }
            }
        }
        out.rows(Manifest.DELETED_PATH, rows);
    }
}
