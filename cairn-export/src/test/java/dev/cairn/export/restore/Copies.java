package dev.cairn.export.restore;

import dev.cairn.export.ExportFixture;
import dev.cairn.export.bundle.FileEntry;
import dev.cairn.export.bundle.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/** Edits of an unpacked copy for the tests: a file's text changed, and the manifest made to match and signed again. */
final class Copies {
    private Copies() {
    }

    /** Changes {@code path}'s text without touching the manifest (a tampered copy). */
    static void edit(Path dir, String path, UnaryOperator<String> change) throws IOException {
        Path file = dir.resolve(path);
        String before = Files.readString(file);
        String after = change.apply(before);
        if (after.equals(before)) {
            throw new AssertionError("the edit changed nothing in " + path);
        }
        Files.writeString(file, after);
    }

    /**
     * Changes {@code path}'s text, then lists its new size and SHA-256 in the manifest (with {@code manifest} applied
     * too) and signs the manifest with the test key again: a copy the signer itself made this way.
     */
    static void editSigned(Path dir, String path, UnaryOperator<String> change, UnaryOperator<Manifest> manifest)
            throws Exception {
        if (path != null) {
            edit(dir, path, change);
        }
        Manifest m = Manifest.parse(Files.readAllBytes(dir.resolve(Manifest.PATH)));
        List<FileEntry> files = m.files().stream().map(f -> f.path().equals(path) ? entry(dir, f) : f).toList();
        Manifest changed = manifest.apply(new Manifest(m.format(), m.formatVersion(), m.workspace(), m.cut(),
                m.exportedAt(), m.server(), m.formats(), m.history(), m.kind(), m.previous(), m.changes(), m.schema(),
                files, m.signature()));
        byte[] bytes = changed.toBytes();
        Files.write(dir.resolve(Manifest.PATH), bytes);
        Files.writeString(dir.resolve(Manifest.SIGNATURE_PATH),
                Base64.getEncoder().encodeToString(ExportFixture.KEY.sign(bytes)) + "\n", StandardCharsets.US_ASCII);
    }

    private static FileEntry entry(Path dir, FileEntry f) {
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve(f.path()));
            return new FileEntry(f.path(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(bytes)), bytes.length, f.rows());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
