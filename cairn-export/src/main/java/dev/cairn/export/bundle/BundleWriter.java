package dev.cairn.export.bundle;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a bundle: a ZIP stream (deflated, ZIP64 when large) of the formats' files, each hashed and counted as it
 * streams through, then {@code manifest.json} and its signature {@code manifest.json.sig} last. Nothing is buffered
 * beyond the deflater's window. Not thread-safe; one bundle per writer.
 */
public final class BundleWriter implements Entries, AutoCloseable {
    private final ZipOutputStream zip;
    private final long entryTime;
    private final Map<String, FileEntry> files = new LinkedHashMap<>();
    private boolean open;

    /** @param out where the bundle's bytes go (an encryptor); closed by {@link #close()} */
    public BundleWriter(OutputStream out, Instant exportedAt) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        this.entryTime = exportedAt.toEpochMilli();
    }

    @Override
    public OutputStream open(String path) throws IOException {
        return open(path, Deflater.DEFAULT_COMPRESSION);
    }

    @Override
    public OutputStream openUncompressed(String path) throws IOException {
        return open(path, Deflater.NO_COMPRESSION);
    }

    private OutputStream open(String path, int level) throws IOException {
        if (open) {
            throw new IllegalStateException("the previous file of the bundle is still open");
        }
        if (files.containsKey(path) || path.startsWith("manifest.json")) {
            throw new IllegalArgumentException("the bundle already has " + path);
        }
        ZipEntry entry = new ZipEntry(path);
        entry.setTime(entryTime);
        zip.setLevel(level);
        zip.putNextEntry(entry);
        open = true;
        MessageDigest sha = sha256();
        return new FilterOutputStream(new DigestOutputStream(zip, sha)) {
            private long bytes;
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                bytes += len;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                bytes++;
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    out.flush();
                    zip.closeEntry();
                    open = false;
                    files.put(path, new FileEntry(path, HexFormat.of().formatHex(sha.digest()), bytes, 0));
                }
            }
        };
    }

    @Override
    public void rows(String path, long rows) {
        files.computeIfPresent(path, (p, f) -> f.withRows(rows));
    }

    /** The files written so far, in order. */
    public List<FileEntry> files() {
        return new ArrayList<>(files.values());
    }

    /**
     * Ends the bundle: the manifest {@code head} makes from the files written, signed with {@code key}, then the
     * ZIP's central directory. Returns the manifest's bytes.
     */
    public byte[] finish(Function<List<FileEntry>, Manifest> head, SigningKey key) throws IOException {
        byte[] manifest = head.apply(files()).toBytes();
        plain(Manifest.PATH, manifest);
        plain(Manifest.SIGNATURE_PATH,
                (Base64.getEncoder().encodeToString(key.sign(manifest)) + "\n").getBytes(StandardCharsets.US_ASCII));
        zip.finish();
        return manifest;
    }

    private void plain(String path, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(path);
        entry.setTime(entryTime);
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
