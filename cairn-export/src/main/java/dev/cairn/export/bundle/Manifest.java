package dev.cairn.export.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a bundle (docs/spec/export-format.md): what was exported, from where, as of which change,
 * whether the record history is in it, whether it is the whole workspace ({@code full}) or the changes since the
 * {@code previous} export ({@code incremental}, with which tables it replaces or merges), and every other file with its
 * SHA-256, size and rows. {@code schema} is the tables' definitions as JSON objects. A version 1 manifest has no
 * {@code history}, {@code kind}, {@code previous} or {@code changes}: it is a full export with history.
 */
@JsonPropertyOrder({"format", "formatVersion", "workspace", "cut", "exportedAt", "server", "formats", "history", "kind",
    "previous", "changes", "schema", "files", "signature"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Manifest(String format, int formatVersion, Workspace workspace, long cut, String exportedAt,
        Server server, List<String> formats, Boolean history, String kind, Previous previous, Changes changes,
        Map<String, Object> schema, List<FileEntry> files, Signature signature) {
    public static final String FORMAT = "cairn-export";
    public static final int VERSION = 2;
    public static final String FULL = "full";
    public static final String INCREMENTAL = "incremental";
    /** The records an incremental bundle deletes: one {@code {"table": id, "id": id}} per line. */
    public static final String DELETED_PATH = "incremental/deleted.jsonl";
    public static final String PATH = "manifest.json";
    public static final String SIGNATURE_PATH = "manifest.json.sig";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Manifest {
        formats = List.copyOf(formats);
        files = List.copyOf(files);
    }

    /** The workspace exported. */
    public record Workspace(long id, String name) {
    }

    /** The export an incremental one chains to: its manifest's SHA-256 (hex) and its cut. */
    public record Previous(String manifestSha256, long cut) {
    }

    /**
     * What an incremental bundle changes, by table id: {@code replaced} tables' files hold all their rows (new tables,
     * and tables whose definition changed); {@code merged} tables' files hold the rows added or changed, and
     * {@link #DELETED_PATH} the rows deleted. Every other table of the schema is as in the previous export; a table
     * of the previous export not in the schema is gone.
     */
    public record Changes(List<Long> replaced, List<Long> merged) {
        public Changes {
            replaced = List.copyOf(replaced);
            merged = List.copyOf(merged);
        }
    }

    /** Whether this is an incremental bundle (a version 1 manifest never is). */
    public boolean incremental() {
        return INCREMENTAL.equals(kind);
    }

    /** Whether the record history is in the bundle (a version 1 manifest always has it). */
    public boolean hasHistory() {
        return history == null || history;
    }

    /** The server that made the bundle. */
    public record Server(String version) {
    }

    /** How the manifest is signed: the algorithm and the signer's public key (base64 of the 32 raw bytes). */
    public record Signature(String algorithm, String publicKey) {
    }

    /** The manifest's bytes as written (UTF-8 JSON); the signature covers exactly these. */
    public byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a manifest; {@link IOException} if it is not one. */
    public static Manifest parse(byte[] bytes) throws IOException {
        Manifest m = JSON.readValue(bytes, Manifest.class);
        if (!FORMAT.equals(m.format()) || m.files() == null) {
            throw new IOException("not a cairn export manifest");
        }
        return m;
    }
}
