package dev.cairn.testkit;

import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.ForwardingBlobStore;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A decorator that tells an {@link Observer} where each write is: a put starting, half of its bytes handed to the store,
 * the put done, a delete done. Tests use it to record the order of writes (spec §Write ordering) and to stop a process at a
 * chosen point of a write (a crash test then kills it there). An observer that throws fails the operation at that point,
 * as the store would; one that blocks holds it there. Both forms of put stream through the observer, so
 * {@link Observer#putHalfway} is reached with half of the object written to the store (a temp file for a local store).
 * Thread-safe if the observer is.
 */
public final class ObservedBlobStore extends ForwardingBlobStore {
    private final Observer observer;

    /** Where a write is; every method has a no-op default. */
    public interface Observer {
        /** Before any byte of {@code name} reaches the store. */
        default void putStarting(BlobName name) throws IOException {
        }

        /** Once the store has read {@code length / 2} bytes (rounded up; not called for an empty object). */
        default void putHalfway(BlobName name) throws IOException {
        }

        /** After the store has published {@code name}, before the put returns. */
        default void putDone(BlobName name) throws IOException {
        }

        /** After {@code name} was deleted, before the delete returns. */
        default void deleted(BlobName name) throws IOException {
        }
    }

    private ObservedBlobStore(BlobStore delegate, Observer observer) {
        super(delegate);
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** An observed view of {@code store}. */
    public static ObservedBlobStore wrap(BlobStore store, Observer observer) {
        return new ObservedBlobStore(store, observer);
    }

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        observer.putStarting(name);
        delegate().put(name, new Halfway(content, name, (length + 1) / 2), length);
        observer.putDone(name);
    }

    @Override
    public void put(BlobName name, byte[] content) throws IOException {
        put(name, new ByteArrayInputStream(content), content.length);
    }

    @Override
    public void delete(BlobName name) throws IOException {
        delegate().delete(name);
        observer.deleted(name);
    }

    /**
     * Calls {@link Observer#putHalfway} once, on the first read after {@code mark} bytes were handed out: the store has
     * then written them (reads are cut at the mark so that no later byte is handed out before).
     */
    private final class Halfway extends FilterInputStream {
        private final BlobName name;
        private final long mark;
        private long read;
        private boolean told;

        Halfway(InputStream in, BlobName name, long mark) {
            super(in);
            this.name = name;
            this.mark = mark;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!told && mark > 0 && read >= mark) {
                told = true;
                observer.putHalfway(name);
            }
            int n = in.read(b, off, read < mark ? (int) Math.min(len, mark - read) : len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
