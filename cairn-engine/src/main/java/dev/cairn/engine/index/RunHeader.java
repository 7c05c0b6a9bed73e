package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The start of a run file: which index files it stands for. Read without verifying the rest (opening the run does). */
record RunHeader(Path file, List<BlobId> covered) {
    /** The header of {@code file}, or null if it is not a run (or vanished, or is being replaced). */
    static RunHeader read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(RunFile.HEADER);
            if (header.length < RunFile.HEADER || !Arrays.equals(header, 0, 8, RunFile.MAGIC, 0, 8)) {
                return null;
            }
            int coveredCount = RunRecord.getInt(header, 12);
            if (coveredCount < 0 || coveredCount > 1 << 24) {
                return null;
            }
            List<BlobId> covered = new ArrayList<>(coveredCount);
            for (int i = 0; i < coveredCount; i++) {
                byte[] id = in.readNBytes(BlobId.LENGTH);
                if (id.length < BlobId.LENGTH) {
                    return null;
                }
                covered.add(BlobId.of(id));
            }
            return new RunHeader(file, covered);
        } catch (IOException e) {
            return null;
        }
    }
}
