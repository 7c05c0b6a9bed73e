package dev.cairn.export.chain;

import dev.cairn.export.bundle.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One export of a copy on disk: its directory, its manifest, and the SHA-256 (hex) of its manifest's bytes. */
public record Link(Path dir, Manifest manifest, String manifestSha256) {
    /** Reads the export unpacked in {@code dir}. */
    public static Link read(Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(Manifest.PATH));
        try {
            return new Link(dir, Manifest.parse(bytes),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean incremental() {
        return manifest.incremental();
    }

    /** Whether {@code other} is the export this one chains to (its manifest digest and cut). */
    public boolean chainsTo(Link other) {
        Manifest.Previous p = manifest.previous();
        return p != null && p.manifestSha256().equals(other.manifestSha256()) && p.cut() == other.manifest().cut();
    }
}
