package dev.cairn.export.restore;

import dev.cairn.export.bundle.FileEntry;
import dev.cairn.export.bundle.Manifest;
import dev.cairn.export.bundle.SigningKey;
import dev.cairn.export.format.AttachmentPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a copy before anything is read from it (ADR 31): the manifest is signed by a trusted key (this server's, or
 * the one the restorer names for a copy from another server), its format version is one this server reads, every
 * file present is the one the manifest lists (size and SHA-256) and none is extra, and the format read is complete.
 * A copy may leave out whole formats it is not restored from (the agent uploads only the one it restores from).
 * Every refusal is a {@link CopyException} in the restorer's words.
 */
public final class CopyCheck {
    private CopyCheck() {
    }

    /** The verified manifest of the copy unpacked in {@code dir}, the SHA-256 (hex) of its bytes, and its signer. */
    public record Verified(Manifest manifest, String digest, String signer) {
    }

    /** Verifies the manifest's signature by one of {@code trustedKeys} and its format version. */
    public static Verified manifest(Path dir, List<String> trustedKeys) throws IOException {
        Path manifestFile = dir.resolve(Manifest.PATH);
        Path signatureFile = dir.resolve(Manifest.SIGNATURE_PATH);
        if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(signatureFile)) {
            throw new CopyException("this is not a decrypted cairn copy: it has no " + Manifest.PATH + " and "
                    + Manifest.SIGNATURE_PATH);
        }
        byte[] bytes = Files.readAllBytes(manifestFile);
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(new String(Files.readAllBytes(signatureFile), StandardCharsets.US_ASCII).strip()); // not readString: a non-ASCII byte must read as "not base64", not throw
        } catch (IllegalArgumentException e) {
            throw new CopyException("the copy's signature file is damaged (not base64)");
        }
        String signer = trustedKeys.stream().filter(k -> k != null && SigningKey.verify(k, bytes, signature))
                .findFirst().orElse(null);
        if (signer == null) {
            throw new CopyException("the copy's manifest is not signed by this server's signing key"
                    + (trustedKeys.size() > 1 ? " nor by the key you named" : "") + ": it was changed after the "
                    + "export, or it comes from another server (then name that server's signing key, "
                    + "--signing-key). Nothing was restored");
        }
        Manifest manifest;
        try {
            manifest = Manifest.parse(bytes);
        } catch (IOException e) {
            throw new CopyException("the copy's manifest is not a cairn export manifest");
        }
        if (manifest.formatVersion() > Manifest.VERSION) {
            throw new CopyException("this copy is in export format version " + manifest.formatVersion()
                    + ", written by a newer cairn; this server reads version " + Manifest.VERSION
                    + " and older. Restore it with a cairn as new as the one that exported it");
        }
        return new Verified(manifest, HexFormat.of().formatHex(sha256().digest(bytes)), signer);
    }

    /**
     * Checks the files: every file present is listed with its size and SHA-256, nothing else is there, and the files
     * of {@code format}, {@code workspace/reports.json} and the attached files' index are all present, and the
     * attached files themselves unless {@code withFiles} is false (a diff, which compares them by the index).
     */
    public static void files(Path dir, Manifest manifest, String format, boolean withFiles) throws IOException {
        Set<String> listed = new HashSet<>(List.of(Manifest.PATH, Manifest.SIGNATURE_PATH));
        for (FileEntry f : manifest.files()) {
            listed.add(f.path());
            Path p = dir.resolve(f.path()).normalize();
            boolean needed = f.path().startsWith(format + "/") || f.path().equals("workspace/reports.json")
                    || f.path().equals(CopyAttachments.INDEX) || withFiles && f.path().startsWith(AttachmentPaths.DIR);
            if (!p.startsWith(dir) || !Files.isRegularFile(p)) {
                if (needed) {
                    throw new CopyException("the copy is incomplete: " + f.path() + " is missing");
                }
                continue;
            }
            if (!matches(p, f)) {
                throw new CopyException("the copy was changed after the export: " + f.path() + " does not match "
                        + "the SHA-256 and size its signed manifest lists. Nothing was restored");
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            String extra = all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !listed.contains(p)).sorted().findFirst().orElse(null);
            if (extra != null) {
                throw new CopyException("the copy holds " + extra + ", which its signed manifest does not list: it "
                        + "was changed after the export. Nothing was restored");
            }
        }
    }

    private static boolean matches(Path p, FileEntry f) throws IOException {
        Hashed h = hash(p);
        return h.bytes() == f.bytes() && h.sha256().equals(f.sha256());
    }

    /** A file's size and hex SHA-256. */
    record Hashed(long bytes, String sha256) {
    }

    /** Reads {@code p} once for its size and SHA-256. */
    static Hashed hash(Path p) throws IOException {
        MessageDigest sha = sha256();
        long bytes = 0;
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
                bytes += n;
            }
        }
        return new Hashed(bytes, HexFormat.of().formatHex(sha.digest()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
