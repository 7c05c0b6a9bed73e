package dev.cairn.agent.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.export.bundle.BundleCheck;
import dev.cairn.export.bundle.BundleUnpacker;
import dev.cairn.export.crypt.Age;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code cairn export restore}: brings a copy back into the workspace of the account whose token it uses (ADR 31).
 * The copy is a pulled export's directory, a decrypted bundle ({@code .zip}) or the encrypted one ({@code .age}, then
 * decrypted here with the identity, which never leaves this machine). It is checked here first (signature by the key
 * trusted for it, every checksum), then the manifest, the workspace files and the one format restored from are zipped
 * on the fly and uploaded ({@link ZipUpload}; not the change log, which a restore does not read): the server reads
 * them and answers the diff, which compares attached files by their index, so their bytes are left out of it; unless
 * it is a dry run, the copy is uploaded again with the attached files and applied against the change sequence of that
 * diff (ADR 37). Not thread-safe.
 */
public final class CopyRestorer {
    /** The formats by how much type information their files carry (as the server prefers them). */
    static final List<String> PREFERENCE = List.of("jsonl", "sqlite", "xml", "sql", "xlsx", "csv");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The copy's change log: kept in the copy, never uploaded (a restore does not import it, ADR 31). */
    static final String HISTORY = "workspace/history.jsonl";

    /** What to restore and how. */
    public record Request(Path copy, String identity, String format, String mode, boolean dryRun,
            boolean otherWorkspace, String signingKey) {
    }

    /** The diff shown, and the apply's answer (null for a dry run). */
    public record Result(JsonNode diff, JsonNode applied) {
    }

    private final URI server;
    private final ExportCredentials credentials;

    public CopyRestorer(URI server, ExportCredentials credentials) {
        this.server = server;
        this.credentials = credentials;
    }

    /** Checks, uploads and (unless a dry run) applies the copy; {@code shown} sees the diff before any change. */
    public Result restore(Request r, java.util.function.Consumer<JsonNode> shown) throws IOException {
        RestoreClient client = new RestoreClient(server, credentials.token(server));
        Path work = Files.createTempDirectory("cairn-restore-");
        try {
            Path dir = unpacked(r, work);
            String serverKey = client.signingKey();
            String trusted = r.signingKey() != null ? r.signingKey() : PinnedKey.of(dir.toAbsolutePath().getParent())
                    .orElse(serverKey);
            List<String> problems = BundleCheck.problems(dir, trusted);
            if (!problems.isEmpty()) {
                throw new ExportFailure(ExportFailure.Kind.DAMAGED, "the copy does not check out, nothing was "
                        + "restored: " + String.join("; ", problems));
            }
            String format = format(dir, r.format());
            Map<String, String> params = new LinkedHashMap<>();
            params.put("format", format);
            params.put("mode", r.mode());
            params.put("otherWorkspace", Boolean.toString(r.otherWorkspace()));
            params.put("signingKey", trusted.equals(serverKey) ? null : trusted);
            JsonNode diff = client.diff(new ZipUpload(dir, files(dir, format, false)), params);
            shown.accept(diff);
            if (r.dryRun()) {
                return new Result(diff, null);
            }
            return new Result(diff, client.apply(new ZipUpload(dir, files(dir, format, true)), params,
                    diff.get("seq").asLong()));
        } finally {
            delete(work);
        }
    }

    /** The copy's directory: as given, or the bundle unpacked (decrypted first if it is an age file). */
    private static Path unpacked(Request r, Path work) throws IOException {
        if (Files.isDirectory(r.copy())) {
            return r.copy();
        }
        if (!Files.isRegularFile(r.copy())) {
            throw new ExportFailure(ExportFailure.Kind.USAGE, r.copy() + " is neither a copy directory nor a bundle");
        }
        Path dir = work.resolve("copy");
        boolean encrypted = r.copy().getFileName().toString().endsWith(".age");
        if (encrypted && r.identity() == null) {
            throw new ExportFailure(ExportFailure.Kind.USAGE, r.copy() + " is encrypted: give --identity FILE (your "
                    + "age key; it stays on this machine)");
        }
        try (InputStream raw = Files.newInputStream(r.copy());
                InputStream in = encrypted ? Age.decrypt(raw, r.identity()) : raw) {
            BundleUnpacker.unpack(in, dir);
        } catch (IOException e) {
            throw new ExportFailure(ExportFailure.Kind.DAMAGED, "cannot " + (encrypted ? "decrypt and " : "")
                    + "unpack " + r.copy() + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /** The format to upload: the one asked for, else the preferred one the copy has. */
    private static String format(Path dir, String wanted) throws IOException {
        List<String> formats = new ArrayList<>();
        JSON.readTree(dir.resolve("manifest.json").toFile()).path("formats").forEach(f -> formats.add(f.asText()));
        if (wanted != null) {
            if (!formats.contains(wanted)) {
                throw new ExportFailure(ExportFailure.Kind.USAGE, "the copy has no " + wanted + " files; it has "
                        + formats);
            }
            return wanted;
        }
        return PREFERENCE.stream().filter(formats::contains).findFirst().orElseThrow(() -> new ExportFailure(
                ExportFailure.Kind.USAGE, "the copy holds no format to restore from"));
    }

    /**
     * What is uploaded: the workspace files (with {@code workspace/attachments.jsonl}) except the change log
     * ({@code workspace/history.jsonl}, which a restore does not read and which is often the largest file), {@code
     * format}'s files, the attached files under {@code attachments/} when {@code withFiles} and the copy has them, the
     * manifest and its signature.
     */
    static List<Path> files(Path dir, String format, boolean withFiles) throws IOException {
        List<Path> files = new ArrayList<>();
        Path history = dir.resolve(HISTORY);
        for (String sub : withFiles ? List.of("workspace", format, "attachments") : List.of("workspace", format)) {
            if (Files.isDirectory(dir.resolve(sub))) {
                try (Stream<Path> all = Files.walk(dir.resolve(sub))) {
                    all.filter(f -> Files.isRegularFile(f) && !f.equals(history)).sorted().forEach(files::add);
                }
            }
        }
        files.add(dir.resolve("manifest.json"));
        files.add(dir.resolve("manifest.json.sig"));
        return files;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
