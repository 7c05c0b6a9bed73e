package dev.cairn.export.build;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cairn.export.bundle.Entries;
import dev.cairn.workspace.snapshot.Snapshot;
import java.io.OutputStream;

/**
 * The files every bundle has besides the formats' (docs/spec/export-format.md): {@code workspace/members.json} (no
 * secrets), {@code workspace/reports.json} (definitions name columns by id), {@code workspace/shares.json} (no token
 * or passphrase hash) and, when asked for, {@code workspace/history.jsonl}, the change log after {@code since} (0 for
 * a full export, the previous export's cut for an incremental one) up to the cut.
 */
final class WorkspaceFiles {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINES = new ObjectMapper();

    private WorkspaceFiles() {
    }

    static void write(Snapshot snapshot, Entries out, boolean history, long since) throws Exception {
        json(out, "workspace/members.json", snapshot.members());
        json(out, "workspace/reports.json", snapshot.reports());
        json(out, "workspace/shares.json", snapshot.shares());
        if (history) {
            String path = "workspace/history.jsonl";
            long rows;
            try (OutputStream os = out.open(path);
                    JsonGenerator g = LINES.getFactory().createGenerator(os, JsonEncoding.UTF8)) {
                g.setRootValueSeparator(null);
                rows = snapshot.changesAfter(since, change -> change(g, change));
            }
            out.rows(path, rows);
        }
    }

    /** One change as a JSON line; its values stay the JSON objects the change log holds (keyed by column id). */
    private static void change(JsonGenerator g, Snapshot.ChangeEntry c) throws java.io.IOException {
        g.writeStartObject();
        g.writeNumberField("seq", c.seq());
        g.writeNumberField("table", c.tableId());
        g.writeObjectField("record", c.recordId());
        g.writeStringField("op", c.op());
        g.writeObjectField("version", c.version());
        g.writeStringField("actor", c.actor());
        g.writeStringField("at", c.at().toString());
        raw(g, "old", c.oldValuesJson());
        raw(g, "new", c.newValuesJson());
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void raw(JsonGenerator g, String name, String json) throws java.io.IOException {
        g.writeFieldName(name);
        if (json == null) {
            g.writeNull();
        } else {
            g.writeRawValue(json);
        }
    }

    private static void json(Entries out, String path, java.util.List<?> items) throws Exception {
        try (OutputStream os = out.open(path)) {
            JSON.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .writeValue(os, items);
        }
        out.rows(path, items.size());
    }
}
