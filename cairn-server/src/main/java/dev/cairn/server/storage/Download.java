package dev.cairn.server.storage;

import java.io.InputStream;

/**
 * An open read of an object: {@code length} bytes at {@code offset} ({@code length} -1: the whole object). The caller
 * closes {@code content}; closing reports the bytes sent as egress.
 */
public record Download(InputStream content, long offset, long length) implements AutoCloseable {
    @Override
    public void close() throws java.io.IOException {
        content.close();
    }
}
