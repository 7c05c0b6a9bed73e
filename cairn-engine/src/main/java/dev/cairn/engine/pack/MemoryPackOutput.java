package dev.cairn.engine.pack;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;

/** A pack held in a growable array; for small packs and tests. */
final class MemoryPackOutput implements PackOutput {
    private byte[] buffer;
    private int size;

    MemoryPackOutput(int initialCapacity) {
        this.buffer = new byte[Math.max(1024, initialCapacity)];
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
        if (size + len > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(size + len, buffer.length + (buffer.length >> 1)));
        }
        System.arraycopy(bytes, off, buffer, size, len);
        size += len;
    }

    @Override
    public InputStream read(long length) {
        return new ByteArrayInputStream(buffer, 0, (int) Math.min(length, size));
    }

    @Override
    public void close() {
        buffer = new byte[0];
        size = 0;
    }
}
