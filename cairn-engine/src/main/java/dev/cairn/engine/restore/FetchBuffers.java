package dev.cairn.engine.restore;

import dev.cairn.engine.format.OpenBuffers;

/**
 * One worker's reusable arrays: the sealed bytes of the current ranged read and the buffers blobs are opened into. They
 * grow to the largest run and blob seen and are then reused, so a restore allocates (and promotes) almost nothing per blob.
 * Not thread-safe: {@link RestoreRun} keeps one per worker thread.
 */
final class FetchBuffers {
    private final OpenBuffers open = OpenBuffers.overwritingInput(); // each sealed run is opened once
    private byte[] run = new byte[0];

    /** An array of at least {@code length} bytes for a ranged read; its old content is garbage. */
    byte[] run(int length) {
        if (run.length < length) {
            run = new byte[length];
        }
        return run;
    }

    OpenBuffers open() {
        return open;
    }
}
