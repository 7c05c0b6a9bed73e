package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link BlobStore} must have (see its Javadoc): absent objects are not found by any operation; puts
 * round-trip for every kind, store a copy and leave the caller's stream open; ranged gets return exactly their slice
 * (start, middle, end, empty) and refuse ranges past the end; list separates kinds and reports sizes; delete removes
 * and frees the name; a second put of a name is refused and keeps the old bytes; racing puts of distinct names all
 * succeed and of one name have exactly one winner; empty and 20 MiB objects work; a short or failing content stream
 * leaves nothing visible.
 *
 * <p>Extend it and implement {@link #newStore()}; each test gets a fresh, empty store and closes it afterwards. A store
 * that needs more (a server, a bucket) starts it in {@code newStore()} or in its own {@code @BeforeAll}. Subclasses may
 * live in any package.
 */
public abstract class BlobStoreContract {
    private static final int LARGE_SIZE = 20 * 1024 * 1024;
    private static final int RANGE_BLOB_SIZE = 1000;

    private BlobStore store;

    /** A new, empty store, owned by the test (it is closed after each test). */
    protected abstract BlobStore newStore() throws Exception;

    @BeforeEach
    final void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    final void closeStore() throws Exception {
        store.close();
    }

    /** The store under test (for subclasses that add store-specific tests). */
    protected final BlobStore store() {
        return store;
    }

    /** A valid name of {@code kind} derived from {@code seed} (always {@code config} for the config kind). */
    protected static BlobName name(BlobKind kind, long seed) {
        if (kind == BlobKind.CONFIG) {
            return BlobName.CONFIG;
        }
        return BlobName.of(kind, HexFormat.of().formatHex(DeterministicRandom.bytes(seed, 32)));
    }

    @Test
    void absentObjectIsNotFoundByEveryOperation() throws IOException {
        BlobName absent = name(BlobKind.PACK, 1);
        assertThatThrownBy(() -> store.get(absent)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.get(absent, 0, 0)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.stat(absent)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.delete(absent)).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.exists(absent)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void putThenGetReturnsTheSameBytes(BlobKind kind) throws IOException {
        BlobName name = name(kind, 2);
        byte[] content = DeterministicRandom.bytes(2, 4321);
        store.put(name, new ByteArrayInputStream(content), content.length);
        assertThat(store.getAll(name)).isEqualTo(content);
        assertThat(store.stat(name).withoutStoredAt()).isEqualTo(new BlobInfo(name, content.length));
        assertThat(store.exists(name)).isTrue();
    }

    /**
     * A store that knows arrival times reports the time it received the object (within file-system and clock
     * granularity), the same through stat and list; a store that does not know reports none through either.
     */
    @Test
    void storedAtIsTheArrivalTimeWhenKnown() throws IOException {
        BlobName name = name(BlobKind.SNAPSHOT, 3);
        java.time.Instant before = java.time.Instant.now().minusSeconds(2);
        store.put(name, new byte[] {1, 2, 3});
        java.time.Instant after = java.time.Instant.now().plusSeconds(2);
        BlobInfo stat = store.stat(name);
        if (stat.storedAt() != null) {
            assertThat(stat.storedAt()).isBetween(before, after);
        }
        assertThat(store.list(BlobKind.SNAPSHOT)).singleElement()
                .satisfies(listed -> assertThat(listed.storedAt()).isEqualTo(stat.storedAt()));
    }

    @Test
    void putOfByteArrayStoresACopy() throws IOException {
        BlobName name = name(BlobKind.INDEX, 3);
        byte[] content = DeterministicRandom.bytes(3, 100);
        byte[] expected = content.clone();
        store.put(name, content);
        Arrays.fill(content, (byte) 0);
        assertThat(store.getAll(name)).isEqualTo(expected);
    }

    @Test
    void putDoesNotCloseTheCallersStream() throws IOException {
        CloseTrackingInputStream content = new CloseTrackingInputStream(DeterministicRandom.bytes(4, 64));
        store.put(name(BlobKind.KEY, 4), content, 64);
        assertThat(content.closed()).isFalse();
    }

    @Test
    void putWithNegativeLengthIsAnArgumentError() {
        assertThatThrownBy(() -> store.put(name(BlobKind.PACK, 5), InputStream.nullInputStream(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> ranges() {
        int n = RANGE_BLOB_SIZE;
        return Stream.of(Arguments.of(0, 10), Arguments.of(400, 123), Arguments.of(n - 10, 10), Arguments.of(0, n),
                Arguments.of(n, 0), Arguments.of(0, 0), Arguments.of(500, 0));
    }

    @ParameterizedTest(name = "offset {0}, length {1}")
    @MethodSource("ranges")
    void rangedGetReturnsThatSliceOnly(long offset, int length) throws IOException {
        BlobName name = name(BlobKind.PACK, 6);
        byte[] content = DeterministicRandom.bytes(6, RANGE_BLOB_SIZE);
        store.put(name, content);
        try (InputStream in = store.get(name, offset, length)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, (int) offset, (int) offset + length));
        }
    }

    static Stream<Arguments> rangesPastTheEnd() {
        int n = RANGE_BLOB_SIZE;
        return Stream.of(Arguments.of(n - 5, 10), Arguments.of(n + 1, 0), Arguments.of(0, n + 1),
                Arguments.of(Long.MAX_VALUE, 1), Arguments.of(1, Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "offset {0}, length {1}")
    @MethodSource("rangesPastTheEnd")
    void rangedGetPastTheEndIsAnEofError(long offset, long length) throws IOException {
        BlobName name = name(BlobKind.PACK, 7);
        store.put(name, DeterministicRandom.bytes(7, RANGE_BLOB_SIZE));
        assertThatThrownBy(() -> {
            try (InputStream in = store.get(name, offset, length)) {
                in.readAllBytes();
            }
        }).isInstanceOf(EOFException.class);
    }

    @Test
    void rangedGetWithNegativeArgumentsIsAnArgumentError() throws IOException {
        BlobName name = name(BlobKind.PACK, 8);
        store.put(name, new byte[10]);
        assertThatThrownBy(() -> store.get(name, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get(name, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listIsEmptyForEveryKindOfANewStore() throws IOException {
        for (BlobKind kind : BlobKind.values()) {
            assertThat(store.list(kind).stream().map(BlobInfo::withoutStoredAt)).as(kind.dirName()).isEmpty();
        }
    }

    @Test
    void listSeparatesKindsAndReportsSizes() throws IOException {
        for (BlobKind kind : BlobKind.values()) {
            for (int i = 0; i < (kind == BlobKind.CONFIG ? 1 : 3); i++) {
                store.put(name(kind, 100 + i), new byte[kind.ordinal() * 10 + i]);
            }
        }
        for (BlobKind kind : BlobKind.values()) {
            List<BlobInfo> expected = kind == BlobKind.CONFIG
                    ? List.of(new BlobInfo(BlobName.CONFIG, 0))
                    : Stream.of(0, 1, 2).map(i -> new BlobInfo(name(kind, 100 + i), kind.ordinal() * 10L + i)).toList();
            assertThat(store.list(kind).stream().map(BlobInfo::withoutStoredAt)).as(kind.dirName()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void deleteRemovesTheObjectAndTheNameCanBeUsedAgain() throws IOException {
        BlobName name = name(BlobKind.LOCK, 9);
        store.put(name, new byte[] {1, 2, 3});
        store.delete(name);
        assertThat(store.exists(name)).isFalse();
        assertThat(store.list(BlobKind.LOCK)).isEmpty();
        assertThatThrownBy(() -> store.delete(name)).isInstanceOf(BlobNotFoundException.class);
        store.put(name, new byte[] {4});
        assertThat(store.getAll(name)).containsExactly(4);
    }

    @Test
    void putOfAnExistingNameIsRefusedAndKeepsTheOldBytes() throws IOException {
        BlobName name = name(BlobKind.SNAPSHOT, 10);
        byte[] original = DeterministicRandom.bytes(10, 300);
        store.put(name, original);
        assertThatThrownBy(() -> store.put(name, new byte[] {9, 9}))
                .isInstanceOf(BlobAlreadyExistsException.class);
        assertThatThrownBy(() -> store.put(name, new ByteArrayInputStream(new byte[500]), 500))
                .isInstanceOf(BlobAlreadyExistsException.class);
        assertThat(store.getAll(name)).isEqualTo(original);
        assertThat(store.list(BlobKind.SNAPSHOT).stream().map(BlobInfo::withoutStoredAt)).containsExactly(new BlobInfo(name, 300));
    }

    @Test
    void zeroLengthObjectsAreObjects() throws IOException {
        BlobName name = name(BlobKind.PACK, 11);
        store.put(name, InputStream.nullInputStream(), 0);
        assertThat(store.getAll(name)).isEmpty();
        assertThat(store.stat(name).size()).isZero();
        assertThat(store.getRange(name, 0, 0)).isEmpty();
        assertThat(store.list(BlobKind.PACK).stream().map(BlobInfo::withoutStoredAt)).containsExactly(new BlobInfo(name, 0));
    }

    @Test
    void largeObjectsRoundTripByStream() throws IOException {
        BlobName name = name(BlobKind.PACK, 12);
        store.put(name, DeterministicRandom.stream(12, LARGE_SIZE), LARGE_SIZE);
        assertThat(store.stat(name).size()).isEqualTo(LARGE_SIZE);
        try (InputStream stored = store.get(name)) {
            assertThat(Hashing.sha256(stored)).isEqualTo(Hashing.sha256(DeterministicRandom.stream(12, LARGE_SIZE)));
        }
        byte[] tail = Arrays.copyOfRange(DeterministicRandom.bytes(12, LARGE_SIZE), LARGE_SIZE - 4096, LARGE_SIZE);
        assertThat(store.getRange(name, LARGE_SIZE - 4096, 4096)).isEqualTo(tail);
    }

    @Test
    void readRangeFillsExactlyTheRequestedSliceOfTheCallersArray() throws IOException {
        BlobName name = name(BlobKind.PACK, 13);
        byte[] original = DeterministicRandom.bytes(13, 3 << 20);
        store.put(name, original);
        byte[] dst = new byte[(3 << 20) + 20];
        Arrays.fill(dst, (byte) 0x5A);
        store.readRange(name, 1000, dst, 10, (3 << 20) - 1000);
        assertThat(Arrays.copyOfRange(dst, 10, 10 + (3 << 20) - 1000)).isEqualTo(Arrays.copyOfRange(original, 1000, 3 << 20));
        assertThat(Arrays.copyOfRange(dst, 0, 10)).containsOnly((byte) 0x5A);
        assertThat(Arrays.copyOfRange(dst, 10 + (3 << 20) - 1000, dst.length)).containsOnly((byte) 0x5A);
        assertThatThrownBy(() -> store.readRange(name, (3 << 20) - 10, new byte[20], 0, 20)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> store.readRange(name(BlobKind.PACK, 14), 0, new byte[1], 0, 1))
                .isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void concurrentPutsOfDistinctNamesAllSucceed() throws Exception {
        int threads = 8;
        int perThread = 10;
        Concurrently.run(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                long seed = 1000L * t + i;
                store.put(name(BlobKind.PACK, seed), DeterministicRandom.bytes(seed, 1000 + i));
            }
            return null;
        });
        assertThat(store.list(BlobKind.PACK)).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            long seed = 1000L * t + perThread - 1;
            assertThat(store.getAll(name(BlobKind.PACK, seed))).isEqualTo(DeterministicRandom.bytes(seed, 1000 + 9));
        }
    }

    @Test
    void concurrentPutsOfOneNameHaveExactlyOneWinner() throws Exception {
        BlobName name = name(BlobKind.PACK, 15);
        List<Boolean> won = Concurrently.run(8, t -> {
            try {
                store.put(name, DeterministicRandom.bytes(t, 100_000));
                return true;
            } catch (BlobAlreadyExistsException e) {
                return false;
            }
        });
        assertThat(won).containsOnlyOnce(true);
        int winner = won.indexOf(true);
        assertThat(store.getAll(name)).isEqualTo(DeterministicRandom.bytes(winner, 100_000));
        assertThat(store.list(BlobKind.PACK).stream().map(BlobInfo::withoutStoredAt)).containsExactly(new BlobInfo(name, 100_000));
    }

    @Test
    void shortStreamLeavesNothingVisible() throws IOException {
        BlobName name = name(BlobKind.PACK, 13);
        assertThatThrownBy(() -> store.put(name, new ByteArrayInputStream(new byte[50]), 100))
                .isInstanceOf(IOException.class);
        assertNothingStored(name);
        store.put(name, new byte[100]);
        assertThat(store.stat(name).size()).isEqualTo(100);
    }

    @Test
    void streamFailingMidwayLeavesNothingVisible() throws IOException {
        BlobName name = name(BlobKind.INDEX, 14);
        IOException failure = new IOException("connection reset by test");
        InputStream content = new FailingInputStream(DeterministicRandom.stream(14, 200_000), 100_000, failure);
        assertThatThrownBy(() -> store.put(name, content, 200_000)).isInstanceOf(IOException.class);
        assertNothingStored(name);
    }

    private void assertNothingStored(BlobName name) throws IOException {
        assertThat(store.exists(name)).isFalse();
        assertThat(store.list(name.kind())).isEmpty();
        assertThatThrownBy(() -> store.get(name)).isInstanceOf(BlobNotFoundException.class);
    }

    static Stream<BlobKind> kinds() {
        return Stream.of(BlobKind.values());
    }
}
