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
 * and every other file with its SHA-256, size and rows. {@code schema} is the tables' definitions as JSON objects.
 */
@JsonPropertyOrder({"format", "formatVersion", "workspace", "cut", "exportedAt", "server", "formats", "schema",
    "files", "signature"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Manifest(String format, int formatVersion, Workspace workspace, long cut, String exportedAt,
        Server server, List<String> formats, Map<String, Object> schema, List<FileEntry> files, Signature signature) {
    public static final String FORMAT = "cairn-export";
    public static final int VERSION = 1;
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
