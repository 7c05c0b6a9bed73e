package dev.cairn.export.build;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cairn.export.bundle.Entries;
import dev.cairn.export.format.AttachmentPaths;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.snapshot.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The attached files of a snapshot as real files of the bundle (docs/spec/export-format.md §2, §8): first
 * {@code workspace/attachments.jsonl}, one line per file with its path, cell, upload id, name, content type, size and
 * the SHA-256 the server recorded at upload; then each file at its {@link AttachmentPaths path}, streamed from the
 * attachment store. A file whose stored bytes differ from what was recorded fails the export (a copy must not carry
 * damage silently). Written only when a table has an attachment column.
 */
final class AttachmentFiles {
    static final String INDEX = "workspace/attachments.jsonl";
    private static final JsonFactory JSON = new JsonFactory();

    private AttachmentFiles() {
    }

    static void write(Snapshot snapshot, Entries out) throws Exception {
        List<TableDef> tables = snapshot.tables().stream().filter(t -> t.columns().stream()
                .anyMatch(c -> c.type() == ColumnType.ATTACHMENT)).toList();
        if (tables.isEmpty()) {
            return;
        }
        long files = 0;
        try (OutputStream os = out.open(INDEX); JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            for (TableDef t : tables) {
                files += each(snapshot, t, (column, record, a) -> line(g, t, column, record, a));
            }
        }
        out.rows(INDEX, files);
        for (TableDef t : tables) {
            each(snapshot, t, (column, record, a) -> copy(snapshot, out, AttachmentPaths.of(t.name(), record,
                    column.name(), a), a));
        }
    }

    @FunctionalInterface
    private interface FileSink {
        void accept(Column column, long record, Attachment file) throws Exception;
    }

    /** Feeds every file of {@code t}'s rows, in id then column order; returns how many. */
    private static long each(Snapshot snapshot, TableDef t, FileSink sink) throws Exception {
        List<Column> columns = t.columns();
        long[] n = {0};
        snapshot.rows(t, row -> {
            for (int i = 0; i < columns.size(); i++) {
                if (row.values().get(i) instanceof Attachment a) {
                    sink.accept(columns.get(i), row.id(), a);
                    n[0]++;
                }
            }
        });
        return n[0];
    }

    private static void line(JsonGenerator g, TableDef t, Column column, long record, Attachment a)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("path", AttachmentPaths.of(t.name(), record, column.name(), a));
        g.writeStringField("table", t.name());
        g.writeNumberField("record", record);
        g.writeStringField("column", column.name());
        g.writeStringField("id", a.id());
        g.writeStringField("name", a.name());
        g.writeStringField("contentType", a.contentType());
        g.writeNumberField("bytes", a.bytes());
        g.writeStringField("sha256", a.sha256());
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void copy(Snapshot snapshot, Entries out, String path, Attachment a) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long bytes = 0;
        try (InputStream in = snapshot.attachment(a); OutputStream os = out.openUncompressed(path)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
                os.write(buf, 0, n);
                bytes += n;
            }
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        if (bytes != a.bytes() || !digest.equals(a.sha256())) {
            throw new IOException(path + " (upload " + a.id() + ") is damaged in the attachment store: " + bytes
                    + " bytes with SHA-256 " + digest + ", but " + a.bytes() + " bytes with " + a.sha256()
                    + " were uploaded");
        }
    }
}
