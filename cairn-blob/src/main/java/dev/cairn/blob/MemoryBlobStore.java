package dev.cairn.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link BlobStore} in memory: the reference behaviour of the contract, and the fast store for tests.
 *
 * <p>Thread-safe. Content is copied in on put and never handed out by reference, so callers cannot change a stored
 * object. Objects are limited to about 2 GiB each (a Java array); larger puts fail with an {@link IOException}.
 * Nothing here is transient, so no failure is worth retrying. {@link #close()} does nothing; the content stays readable.
 */
public final class MemoryBlobStore implements BlobStore {
    private static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private final ConcurrentMap<BlobName, byte[]> objects = new ConcurrentHashMap<>();

    private MemoryBlobStore() {
    }

    /** A new, empty store. */
    public static MemoryBlobStore create() {
        return new MemoryBlobStore();
    }

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        Ranges.checkLength(length);
        if (length > MAX_SIZE) {
            throw new IOException(name + ": " + length + " bytes is too large for a memory store (max " + MAX_SIZE + ")");
        }
        if (objects.containsKey(name)) {
            throw new BlobAlreadyExistsException(name);
        }
        byte[] bytes = content.readNBytes((int) length);
        if (bytes.length != length) {
            throw Ranges.shortContent(name, bytes.length, length);
        }
        if (objects.putIfAbsent(name, bytes) != null) {
            throw new BlobAlreadyExistsException(name);
        }
    }

    @Override
    public void put(BlobName name, byte[] content) throws IOException {
        put(name, new ByteArrayInputStream(content), content.length);
    }

    @Override
    public InputStream get(BlobName name) throws IOException {
        return new ByteArrayInputStream(bytes(name));
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        Ranges.checkRange(offset, length);
        byte[] bytes = bytes(name);
        Ranges.checkWithin(name, offset, length, bytes.length);
        return new ByteArrayInputStream(bytes, (int) offset, (int) length);
    }

    @Override
    public BlobInfo stat(BlobName name) throws IOException {
        return new BlobInfo(name, bytes(name).length);
    }

    @Override
    public List<BlobInfo> list(BlobKind kind) {
        Objects.requireNonNull(kind, "kind");
        return objects.entrySet().stream()
                .filter(e -> e.getKey().kind() == kind)
                .map(e -> new BlobInfo(e.getKey(), e.getValue().length))
                .toList();
    }

    @Override
    public void delete(BlobName name) throws IOException {
        if (objects.remove(Objects.requireNonNull(name, "name")) == null) {
            throw new BlobNotFoundException(name);
        }
    }

    @Override
    public String toString() {
        return "MemoryBlobStore(" + objects.size() + " objects)";
    }

    private byte[] bytes(BlobName name) throws BlobNotFoundException {
        byte[] bytes = objects.get(Objects.requireNonNull(name, "name"));
        if (bytes == null) {
            throw new BlobNotFoundException(name);
        }
        return bytes;
    }
}
