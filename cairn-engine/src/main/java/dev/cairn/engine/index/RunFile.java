package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The file of one index run, a local cache file (spec §Local index cache; never stored in the repository):
 * <pre>
 *   "CAIRNIX1"                                   8 bytes
 *   pack count, covered count                    uint32 BE each
 *   entry count                                  uint64 BE
 *   covered index file ids, sorted               32 bytes each
 *   pack ids, sorted (a pack's number is its rank) 32 bytes each
 *   entries, sorted by blob id                   {@value RunRecord#SIZE} bytes each ({@link RunRecord})
 *   CRC-32C of everything before it              uint32 BE
 * </pre>
 * Written to a temporary file in the same directory, forced to disk and renamed into place atomically, so a reader sees a
 * whole run or none; a run damaged later fails its checksum when opened and is rebuilt. Static helpers only.
 */
final class RunFile {
    static final byte[] MAGIC = "CAIRNIX1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final int HEADER = 24;
    static final int TRAILER = 4;
    static final String SUFFIX = ".run";
    static final String TEMP_PREFIX = "tmp-";

    private RunFile() {
    }

    /** Source of the entries, in order. */
    interface Entries {
        /** Copies the next entry to {@code dst[0, RunRecord.SIZE)}; false at the end. */
        boolean next(byte[] dst) throws IOException;
    }

    /** Byte offset of the entries section. */
    static long entriesOffset(int packCount, int coveredCount) {
        return HEADER + (long) BlobId.LENGTH * (packCount + coveredCount);
    }

    /** The total length of a run with these counts. */
    static long length(int packCount, int coveredCount, long entryCount) {
        return entriesOffset(packCount, coveredCount) + entryCount * RunRecord.SIZE + TRAILER;
    }

    /**
     * Writes a run to {@code target} (replacing a file of that name atomically).
     *
     * @param covered the index file ids the run stands for, sorted
     * @param packs   the pack ids its entries' pack numbers refer to, sorted
     * @param count   how many entries {@code entries} yields (checked)
     * @throws IOException if writing fails (nothing is left at {@code target} then)
     */
    static void write(Path target, List<BlobId> covered, List<BlobId> packs, long count, Entries entries) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".part");
        try {
            try (java.io.FileOutputStream file = new java.io.FileOutputStream(tmp.toFile())) {
                CRC32C crc = new CRC32C();
                OutputStream out = new BufferedOutputStream(new CheckedOutputStream(file, crc), 1 << 16);
                byte[] header = new byte[HEADER];
                System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
                RunRecord.putInt(header, 8, packs.size());
                RunRecord.putInt(header, 12, covered.size());
                RunRecord.putInt(header, 16, (int) (count >>> 32));
                RunRecord.putInt(header, 20, (int) count);
                out.write(header);
                writeIds(out, covered);
                writeIds(out, packs);
                byte[] record = new byte[RunRecord.SIZE];
                long written = 0;
                while (entries.next(record)) {
                    out.write(record);
                    written++;
                }
                if (written != count) {
                    throw new IllegalStateException("index run: " + written + " entries written, " + count + " announced");
                }
                out.flush();
                byte[] trailer = new byte[TRAILER];
                RunRecord.putInt(trailer, 0, (int) crc.getValue());
                file.write(trailer);
                file.getFD().sync();
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeIds(OutputStream out, List<BlobId> ids) throws IOException {
        byte[] buf = new byte[BlobId.LENGTH];
        for (BlobId id : ids) {
            id.copyTo(buf, 0);
            out.write(buf);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The file name of a run covering {@code covered}: the SHA-256 of the sorted ids, so equal runs get equal names. */
    static String name(List<BlobId> covered) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[BlobId.LENGTH];
            for (BlobId id : covered) {
                id.copyTo(buf, 0);
                md.update(buf);
            }
            return java.util.HexFormat.of().formatHex(md.digest()) + SUFFIX;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
