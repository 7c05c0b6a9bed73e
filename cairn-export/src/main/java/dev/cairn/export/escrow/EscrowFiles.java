package dev.cairn.export.escrow;

import dev.cairn.export.bundle.Entries;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the escrow part of a bundle (docs/spec/export-format.md §9): {@code software/cairn.jar},
 * {@code software/cairn-src.tar.gz}, {@code software/SHA256SUMS} (the {@code sha256sum -c} format) and
 * {@code ESCROW.md}, which says how to run and rebuild that software from the copy. Stateless.
 */
public final class EscrowFiles {
    public static final String JAR = "software/cairn.jar";
    public static final String SOURCES = "software/" + Software.SOURCES_NAME;
    public static final String SUMS = "software/SHA256SUMS";
    public static final String GUIDE = "ESCROW.md";

    private EscrowFiles() {
    }

    /** Streams the software into {@code bundle}; an unreadable jar or archive fails the export (retry helps once fixed). */
    public static void write(Software software, Entries bundle) throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        sums.put("cairn.jar", copy(software.jar(), JAR, bundle));
        sums.put(Software.SOURCES_NAME, copy(software.sources(), SOURCES, bundle));
        StringBuilder text = new StringBuilder();
        sums.forEach((name, sha) -> text.append(sha).append("  ").append(name).append('\n'));
        writeText(bundle, SUMS, text.toString());
        writeText(bundle, GUIDE, EscrowGuide.text(software.version()));
    }

    private static String copy(Path file, String path, Entries bundle) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha);
                OutputStream out = bundle.open(path)) {
            in.transferTo(out);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("the escrow copy needs " + file + ", which is gone; reinstall cairn", e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void writeText(Entries bundle, String path, String text) throws IOException {
        try (OutputStream out = bundle.open(path)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
