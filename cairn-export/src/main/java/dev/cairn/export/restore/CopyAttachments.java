package dev.cairn.export.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.export.format.AttachmentPaths;
import dev.cairn.workspace.model.Attachment;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy's attached files (docs/spec/export-format.md §8, §10): {@code workspace/attachments.jsonl} read into the
 * file each cell's bundle path names, as the exporting server recorded it (its upload id, name, type, size and
 * SHA-256), and the check of a file's bytes against that record. Immutable once read.
 */
final class CopyAttachments {
    static final String INDEX = "workspace/attachments.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Map<String, Attachment> byPath;

    private CopyAttachments(Path dir, Map<String, Attachment> byPath) {
        this.dir = dir;
        this.byPath = byPath;
    }

    /** The attached files the copy in {@code dir} describes; none when it has no index. */
    static CopyAttachments read(Path dir) throws IOException {
        Map<String, Attachment> files = new LinkedHashMap<>();
        Path index = dir.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            try (BufferedReader lines = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
                int n = 0;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    n++;
                    if (!line.isBlank()) {
                        entry(JSON.readTree(line), n, files);
                    }
                }
            }
        }
        return new CopyAttachments(dir, files);
    }

    private static void entry(JsonNode line, int n, Map<String, Attachment> files) {
        String path = line.path("path").asText("");
        String sha = line.path("sha256").asText("");
        long bytes = line.path("bytes").asLong(-1);
        if (!path.startsWith(AttachmentPaths.DIR) || path.contains("..") || bytes < 0 || !sha.matches("[0-9a-f]{64}")
                || files.containsKey(path)) {
            throw new CopyException(INDEX + " line " + n + " is not a description of an attached file (path, id, "
                    + "name, contentType, bytes, sha256); nothing was restored");
        }
        files.put(path, new Attachment(line.path("id").asText(""), line.path("name").asText("file"),
                line.path("contentType").asText(null), bytes, sha));
    }

    /** The paths and files described, in the index's order. */
    Map<String, Attachment> byPath() {
        return byPath;
    }

    /** The file the cell text {@code path} names; a path the index does not describe is refused. */
    Attachment named(String path, String where) {
        Attachment a = byPath.get(path);
        if (a == null) {
            throw new CopyException(where + ": names the attached file '" + CopyCells.abbreviate(path) + "', which "
                    + (byPath.isEmpty() ? "the copy does not carry (it has no " + INDEX + "; upload the copy with "
                    + "its attachments/ folder and " + INDEX + ")" : INDEX + " does not describe") + ". Nothing was "
                    + "restored");
        }
        return a;
    }

    /**
     * The bytes of {@code path}, refused unless they are the file the exporting server recorded (size and SHA-256):
     * a copy whose attached file changed, or that lacks it, restores nothing.
     */
    Path checked(String path, Attachment a) throws IOException {
        Path file = dir.resolve(path).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            throw new CopyException("the copy is incomplete: the attached file " + path + " is missing. Nothing was "
                    + "restored");
        }
        CopyCheck.Hashed h = CopyCheck.hash(file);
        if (h.bytes() != a.bytes() || !h.sha256().equals(a.sha256())) {
            throw new CopyException("the copy was changed after the export: the attached file " + path + " has "
                    + h.bytes() + " bytes with SHA-256 " + h.sha256() + ", but the server recorded " + a.bytes()
                    + " bytes with " + a.sha256() + ". Nothing was restored");
        }
        return file;
    }
}
