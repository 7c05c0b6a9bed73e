package dev.cairn.engine.restore;

import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Minimal in-memory {@link BlobStore} for these tests (to be replaced by the shared MemoryBlobStore). */
final class MapBlobStore implements BlobStore {
    private final Map<BlobName, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        byte[] bytes = content.readNBytes((int) length);
        if (bytes.length != length) {
            throw new EOFException("stream ended after " + bytes.length + " of " + length + " bytes");
        }
        if (blobs.putIfAbsent(name, bytes) != null) {
            throw new BlobAlreadyExistsException(name);
        }
    }

    @Override
    public InputStream get(BlobName name) throws IOException {
        return new ByteArrayInputStream(bytes(name));
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        byte[] b = bytes(name);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range");
        }
        if (offset + length > b.length) {
            throw new EOFException(name + ": range ends past " + b.length);
        }
        return new ByteArrayInputStream(b, (int) offset, (int) length);
    }

    @Override
    public BlobInfo stat(BlobName name) throws IOException {
        return new BlobInfo(name, bytes(name).length);
    }

    @Override
    public List<BlobInfo> list(BlobKind kind) {
        return blobs.entrySet().stream().filter(e -> e.getKey().kind() == kind)
                .map(e -> new BlobInfo(e.getKey(), e.getValue().length)).toList();
    }

    @Override
    public void delete(BlobName name) throws IOException {
        if (blobs.remove(name) == null) {
            throw new BlobNotFoundException(name);
        }
    }

    private byte[] bytes(BlobName name) throws BlobNotFoundException {
        byte[] b = blobs.get(name);
        if (b == null) {
            throw new BlobNotFoundException(name);
        }
        return b;
    }
}
