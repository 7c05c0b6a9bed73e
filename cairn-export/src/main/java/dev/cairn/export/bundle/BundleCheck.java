package dev.cairn.export.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks an unpacked bundle offline (docs/spec/export-format.md, "Verifying"): the manifest's signature by the
 * trusted key, then every file's size and SHA-256, that no file is missing or extra, and that every attached file is
 * the one uploaded ({@link AttachmentIndex}). Reads files as streams.
 */
public final class BundleCheck {
    private BundleCheck() {
    }

    /** The problems found in the bundle unpacked in {@code dir} (empty: it is intact and signed by {@code key}). */
    public static List<String> problems(Path dir, String trustedKey) throws IOException {
        Path manifestFile = dir.resolve(Manifest.PATH);
        Path signatureFile = dir.resolve(Manifest.SIGNATURE_PATH);
        if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(signatureFile)) {
            return List.of("no " + Manifest.PATH + " and " + Manifest.SIGNATURE_PATH + ": not a complete export");
        }
        byte[] manifestBytes = Files.readAllBytes(manifestFile);
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(new String(Files.readAllBytes(signatureFile), StandardCharsets.US_ASCII).strip()); // not readString: a non-ASCII byte must read as "not base64", not throw
        } catch (IllegalArgumentException e) {
            return List.of("the signature file is not base64");
        }
        if (!SigningKey.verify(trustedKey, manifestBytes, signature)) {
            return List.of("the manifest's signature does not match the server's signing key " + trustedKey);
        }
        Manifest manifest = Manifest.parse(manifestBytes);
        List<String> problems = new ArrayList<>();
        Set<String> listed = new HashSet<>(List.of(Manifest.PATH, Manifest.SIGNATURE_PATH));
        for (FileEntry f : manifest.files()) {
            listed.add(f.path());
            file(dir, f, problems);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !listed.contains(p)).sorted().forEach(p -> problems.add(p + ": not in the manifest"));
        }
        if (problems.isEmpty()) {
            AttachmentIndex.check(dir, manifest, problems);
        }
        return problems;
    }

    private static void file(Path dir, FileEntry f, List<String> problems) throws IOException {
        Path p = dir.resolve(f.path()).normalize();
        if (!p.startsWith(dir) || !Files.isRegularFile(p)) {
            problems.add(f.path() + ": missing");
            return;
        }
        MessageDigest sha = BundleWriter.sha256();
        long bytes = 0;
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
                bytes += n;
            }
        }
        if (bytes != f.bytes() || !HexFormat.of().formatHex(sha.digest()).equals(f.sha256())) {
            problems.add(f.path() + ": its bytes do not match the manifest's SHA-256 and size");
        }
    }
}
