package dev.cairn.server;

import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStoreProvider;
import dev.cairn.blob.ForwardingBlobStore;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * Test scheme {@code failing:/dir}: a local store whose puts of ids starting with {@code dead} read half the content
 * and then fail like a dying disk, of ids starting with {@code f011} read half and then fail as a full disk does
 * (ENOSPC), of ids starting with {@code 10a5} are stored and then fail transiently (a lost acknowledgement), of ids
 * starting with {@code 1057} too, and the first stat after that fails transiently as well, and of ids starting with
 * {@code 7eae} fail transiently; everything else works.
 */
public final class FailingStoreProvider implements BlobStoreProvider {
    @Override
    public String scheme() {
        return "failing";
    }

    @Override
    public BlobStore open(URI location) throws IOException {
        return wrap(LocalBlobStore.open(Path.of(location.getPath())));
    }

    @Override
    public BlobStore create(URI location) throws IOException {
        return wrap(LocalBlobStore.create(Path.of(location.getPath())));
    }

    private static BlobStore wrap(BlobStore store) {
        java.util.Set<BlobName> statFailures = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new ForwardingBlobStore(store) {
            @Override
            public void put(BlobName name, InputStream content, long length) throws IOException {
                if (name.id().startsWith("dead")) {
                    content.readNBytes((int) Math.min(length / 2, Integer.MAX_VALUE));
                    throw new IOException("simulated disk failure in the middle of " + name);
                }
                if (name.id().startsWith("f011")) {
                    content.readNBytes((int) Math.min(length / 2, Integer.MAX_VALUE));
                    throw new java.nio.file.FileSystemException("/store/tmp/" + name.id(), null, "No space left on device");
                }
                if (name.id().startsWith("10a5")) {
                    super.put(name, content, length);
                    throw new TransientBlobStoreException("simulated lost answer for " + name);
                }
                if (name.id().startsWith("1057")) {
                    super.put(name, content, length);
                    statFailures.add(name);
                    throw new TransientBlobStoreException("simulated lost answer for " + name);
                }
                if (name.id().startsWith("7eae")) {
                    throw new TransientBlobStoreException("simulated throttling of " + name);
                }
                super.put(name, content, length);
            }

            @Override
            public dev.cairn.blob.BlobInfo stat(BlobName name) throws IOException {
                if (statFailures.remove(name)) {
                    throw new TransientBlobStoreException("simulated failure to stat " + name);
                }
                return super.stat(name);
            }

            @Override
            public void put(BlobName name, byte[] content) throws IOException {
                put(name, new java.io.ByteArrayInputStream(content), content.length);
            }
        };
    }
}
