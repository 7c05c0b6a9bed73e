package dev.cairn.testkit;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobOp;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.ForwardingBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * A decorator that injects failures and corruption, for testing how callers cope. Faults are chosen per
 * {@link BlobOp} and per call number (1-based, counted per operation since creation or {@link #reset()}), or per name:
 * <pre>
 *   FaultyBlobStore store = FaultyBlobStore.wrap(MemoryBlobStore.create())
 *           .failOn(BlobOp.PUT, 3, new TransientBlobStoreException("503"))      // the 3rd put fails, nothing stored
 *           .failAfter(BlobOp.PUT, 4, new TransientBlobStoreException("timeout")) // the 4th is stored, then fails
 *           .failPutAfterBytes(5, 1000, new IOException("No space left on device")) // store sees 1000 bytes, then error
 *           .corrupt(name, 17);                                                  // reads of name get byte 17 flipped
 * </pre>
 * The first matching rule wins; rules stay until {@link #reset()}. The given exception instance is thrown each time.
 * Thread-safe: rules may be added while other threads use the store.
 */
public final class FaultyBlobStore extends ForwardingBlobStore {
    private final Map<BlobOp, AtomicLong> calls = new EnumMap<>(BlobOp.class);
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<BlobName, ConcurrentSkipListMap<Long, Integer>> corruptions = new ConcurrentHashMap<>();

    private FaultyBlobStore(BlobStore delegate) {
        super(delegate);
        for (BlobOp op : BlobOp.values()) {
            calls.put(op, new AtomicLong());
        }
    }

    /** A faulty view of {@code store}, with no faults yet. */
    public static FaultyBlobStore wrap(BlobStore store) {
        return new FaultyBlobStore(store);
    }

    /** Call number {@code call} of {@code op} throws {@code error} without reaching the wrapped store. */
    public FaultyBlobStore failOn(BlobOp op, int call, IOException error) {
        return add(new Fault(op, n -> n == call, null, Fault.Mode.BEFORE, 0, error));
    }

    /** Every call of {@code op} from number {@code call} on throws {@code error} without reaching the store. */
    public FaultyBlobStore failFrom(BlobOp op, int call, IOException error) {
        return add(new Fault(op, n -> n >= call, null, Fault.Mode.BEFORE, 0, error));
    }

    /** Every call of {@code op} whose number {@code calls} accepts (e.g. a seeded random share) throws {@code error}. */
    public FaultyBlobStore failCalls(BlobOp op, LongPredicate calls, IOException error) {
        return add(new Fault(op, calls::test, null, Fault.Mode.BEFORE, 0, error));
    }

    /** Every call of {@code op} whose number {@code calls} accepts completes in the store, then throws: lost answers. */
    public FaultyBlobStore loseAnswers(BlobOp op, LongPredicate calls, IOException error) {
        return add(new Fault(op, calls::test, null, Fault.Mode.AFTER, 0, error));
    }

    /** Every put whose number {@code calls} accepts hands the store half its content and then {@code error}. */
    public FaultyBlobStore failPutsHalfway(LongPredicate calls, IOException error) {
        return add(new Fault(BlobOp.PUT, calls::test, null, Fault.Mode.PARTIAL_PUT, -1, error));
    }

    /** Calls of {@code op} on names matching {@code names} throw {@code error}; never matches {@code LIST}. */
    public FaultyBlobStore failWhen(BlobOp op, Predicate<BlobName> names, IOException error) {
        Objects.requireNonNull(names, "names");
        return add(new Fault(op, n -> true, names, Fault.Mode.BEFORE, 0, error));
    }

    /** Call number {@code call} of {@code op} completes in the store, then throws {@code error}: a lost answer. */
    public FaultyBlobStore failAfter(BlobOp op, int call, IOException error) {
        return add(new Fault(op, n -> n == call, null, Fault.Mode.AFTER, 0, error));
    }

    /**
     * Put number {@code call} hands the store a content stream that throws {@code error} after {@code bytes} bytes, as a
     * full disk or a killed writer would; the store's put then fails, and by contract must leave nothing behind.
     */
    public FaultyBlobStore failPutAfterBytes(int call, long bytes, IOException error) {
        return add(new Fault(BlobOp.PUT, n -> n == call, null, Fault.Mode.PARTIAL_PUT, bytes, error));
    }

    /** Every read of {@code name} covering {@code offset} returns that byte inverted. */
    public FaultyBlobStore corrupt(BlobName name, long offset) {
        return corrupt(name, offset, 0xff);
    }

    /** Every read of {@code name} covering {@code offset} returns that byte XOR {@code mask} (e.g. 0x01 for one bit). */
    public FaultyBlobStore corrupt(BlobName name, long offset, int mask) {
        if (offset < 0 || (mask & 0xff) == 0) {
            throw new IllegalArgumentException("offset " + offset + " must be >= 0 and mask " + mask + " must flip a bit");
        }
        corruptions.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>()).put(offset, mask & 0xff);
        return this;
    }

    /** How many calls of {@code op} were made (including failed ones) since creation or {@link #reset()}. */
    public long calls(BlobOp op) {
        return calls.get(op).get();
    }

    /** Removes every fault and corruption and zeroes the call counts. */
    public void reset() {
        faults.clear();
        corruptions.clear();
        calls.values().forEach(c -> c.set(0));
    }

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        doPut(name, content, length, null);
    }

    @Override
    public void put(BlobName name, byte[] content) throws IOException {
        doPut(name, null, content.length, content);
    }

    @Override
    public InputStream get(BlobName name) throws IOException {
        return corrupted(name, 0, call(BlobOp.GET, name, () -> delegate().get(name)));
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        return corrupted(name, offset, call(BlobOp.GET, name, () -> delegate().get(name, offset, length)));
    }

    @Override
    public BlobInfo stat(BlobName name) throws IOException {
        return call(BlobOp.STAT, name, () -> delegate().stat(name));
    }

    @Override
    public List<BlobInfo> list(BlobKind kind) throws IOException {
        return call(BlobOp.LIST, null, () -> delegate().list(kind));
    }

    @Override
    public void delete(BlobName name) throws IOException {
        call(BlobOp.DELETE, name, () -> {
            delegate().delete(name);
            return null;
        });
    }

    private void doPut(BlobName name, InputStream stream, long length, byte[] bytes) throws IOException {
        long n = calls.get(BlobOp.PUT).incrementAndGet();
        Fault fault = match(BlobOp.PUT, n, name);
        if (fault != null && fault.mode() == Fault.Mode.BEFORE) {
            throw fault.error();
        }
        if (fault != null && fault.mode() == Fault.Mode.PARTIAL_PUT) {
            InputStream source = stream != null ? stream : new ByteArrayInputStream(bytes);
            long after = fault.bytes() < 0 ? length / 2 : fault.bytes();
            delegate().put(name, new FailingInputStream(source, after, fault.error()), length);
            return;
        }
        if (bytes != null) {
            delegate().put(name, bytes);
        } else {
            delegate().put(name, stream, length);
        }
        if (fault != null) {
            throw fault.error();
        }
    }

    private <T> T call(BlobOp op, BlobName name, Call<T> call) throws IOException {
        Fault fault = match(op, calls.get(op).incrementAndGet(), name);
        if (fault != null && fault.mode() == Fault.Mode.BEFORE) {
            throw fault.error();
        }
        T result = call.run();
        if (fault != null) {
            if (result instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
            throw fault.error();
        }
        return result;
    }

    private Fault match(BlobOp op, long callNumber, BlobName name) {
        for (Fault fault : faults) {
            if (fault.matches(op, callNumber, name)) {
                return fault;
            }
        }
        return null;
    }

    private InputStream corrupted(BlobName name, long start, InputStream in) {
        ConcurrentSkipListMap<Long, Integer> flips = corruptions.get(name);
        return flips == null ? in : new CorruptingInputStream(in, start, Map.copyOf(flips));
    }

    private FaultyBlobStore add(Fault fault) {
        faults.add(fault);
        return this;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // the injected error is what the test wants to see
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    private record Fault(BlobOp op, Predicate<Long> calls, Predicate<BlobName> names, Mode mode, long bytes,
                         IOException error) {
        enum Mode { BEFORE, AFTER, PARTIAL_PUT }

        /** {@code names} null means any call, LIST included; otherwise only calls on a matching name. */
        Fault {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(error, "error");
        }

        boolean matches(BlobOp actual, long callNumber, BlobName name) {
            return actual == op && calls.test(callNumber) && (names == null || name != null && names.test(name));
        }
    }
}
