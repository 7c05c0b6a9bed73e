package dev.cairn.workspace.write;

import static dev.cairn.workspace.WorkspaceFixture.json;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.records.VersionConflictException;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Group commit of a workspace's writes ({@link WriteTx}, {@link WriterLane}) on SQLite and PostgreSQL: concurrent
 * writers with failing units, batches with a failing unit, a batch whose commit fails, and reads beside a running
 * write.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class GroupCommitTest {
    final WorkspaceFixture f;
    final JsonRecords records;
    final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    GroupCommitTest(Dialect dialect) {
        this.f = new WorkspaceFixture(dialect);
        this.records = f.records();
    }

    @BeforeEach
    void table() {
        f.ws.tables().create(f.ann, new TableSpec("items", null, List.of(
                ColumnSpec.of("code", TEXT).asRequired().asUnique(),
                ColumnSpec.of("n", INTEGER))));
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        f.close();
    }

    @Test
    void concurrentWritersKeepEverySuccessNoFailureAndAGapFreeLog() throws Exception {
        long before = workspaceSeq();
        Map<Long, Integer> lastN = new ConcurrentHashMap<>();
        Map<Long, Long> versions = new ConcurrentHashMap<>();
        Set<String> createdCodes = ConcurrentHashMap.newKeySet();
        AtomicInteger changes = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 32; w++) {
            int writer = w;
            writers.add(threads.submit(() -> write(writer, lastN, versions, createdCodes, changes, refused)));
        }
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }

        assertThat(refused.get()).as("some units failed on purpose").isPositive();
        assertThat(workspaceSeq()).isEqualTo(before + changes.get());
        assertThat(changeSeqs(before)).as("gap-free, one per successful change")
                .containsExactlyElementsOf(range(before + 1, before + changes.get()));
        List<Map<String, Object>> stored = records.list(f.ann, "items", JsonRecords.query(List.of(), null, null,
                1000, 0)).records();
        assertThat(stored).extracting(r -> (String) r.get("code")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(createdCodes);
        for (Map<String, Object> r : stored) {
            long id = ((Number) r.get("id")).longValue();
            assertThat(((Number) r.get("version")).longValue()).isEqualTo(versions.get(id));
            assertThat(((Number) r.get("n")).intValue()).isEqualTo(lastN.get(id));
        }
    }

    /** 50 writes of one writer: creates (some clash on a code), invalid creates, updates, stale updates. */
    private Void write(int writer, Map<Long, Integer> lastN, Map<Long, Long> versions, Set<String> createdCodes,
            AtomicInteger changes, AtomicInteger refused) {
        Random random = new Random(writer);
        List<Long> own = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int pick = random.nextInt(10);
            try {
                if (pick < 4 || own.isEmpty()) {
                    String code = "c" + random.nextInt(400);
                    Map<String, Object> r = records.create(f.ann, "items", json("{'code': '" + code
                            + "', 'n': " + i + "}"));
                    long id = ((Number) r.get("id")).longValue();
                    own.add(id);
                    createdCodes.add(code);
                    lastN.put(id, i);
                    versions.put(id, 1L);
                } else if (pick == 4) {
                    records.create(f.ann, "items", json("{'code': 'bad" + writer + "-" + i + "', 'n': 'x'}"));
                    throw new AssertionError("an invalid record was accepted");
                } else {
                    long id = own.get(random.nextInt(own.size()));
                    long version = pick == 5 ? versions.get(id) - 1 : versions.get(id);
                    Map<String, Object> r = records.update(f.ann, "items", id, version, json("{'n': " + i + "}"));
                    versions.put(id, ((Number) r.get("version")).longValue());
                    lastN.put(id, i);
                }
                changes.incrementAndGet();
            } catch (ValidationException | VersionConflictException expected) {
                refused.incrementAndGet();
            }
        }
        return null;
    }

    @Test
    void aFailingUnitOfABatchLeavesNoTraceAndNoSequenceNumber() throws Exception {
        long before = workspaceSeq();
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> blocker = holdTheLane(release);
        Future<Object> first = queue(1, () -> records.create(f.ann, "items", json("{'code': 'a'}")));
        Future<Object> invalid = queue(2, () -> records.create(f.ann, "items", json("{'code': 'a'}")));
        Future<Object> second = queue(3, () -> records.create(f.ann, "items", json("{'code': 'b', 'n': 2}")));
        release.countDown();

        blocker.get(10, TimeUnit.SECONDS);
        assertThat(first.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(catchThrowable(() -> invalid.get(10, TimeUnit.SECONDS))).hasCauseInstanceOf(
                ValidationException.class);
        assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(codes()).containsExactlyInAnyOrder("a", "b");
        assertThat(workspaceSeq()).isEqualTo(before + 2);
        assertThat(changeSeqs(before)).containsExactly(before + 1, before + 2);
    }

    @Test
    void aFailingCommitFailsEveryUnitOfTheBatchAndStoresNothing() throws Exception {
        f.db.jdbi().useHandle(h -> h.execute("CREATE TABLE commit_check (workspace BIGINT REFERENCES "
                + "workspaces(id) DEFERRABLE INITIALLY DEFERRED)"));
        long before = workspaceSeq();
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> blocker = holdTheLane(release);
        Future<Object> good = queue(1, () -> records.create(f.ann, "items", json("{'code': 'good'}")));
        Future<Object> breaking = queue(2, () -> WriteTx.run(f.db.jdbi(), f.ann, f.clock,
                tx -> tx.handle().execute("INSERT INTO commit_check VALUES (-1)")));
        Future<Object> alsoGood = queue(3, () -> records.create(f.ann, "items", json("{'code': 'also'}")));
        release.countDown();

        blocker.get(10, TimeUnit.SECONDS);
        for (Future<Object> unit : List.of(good, breaking, alsoGood)) {
            Throwable failure = catchThrowable(() -> unit.get(10, TimeUnit.SECONDS));
            assertThat(failure).as("every unit of the failed batch fails").isNotNull();
            assertThat(failure.getCause()).isNotInstanceOf(ValidationException.class);
        }
        assertThat(codes()).isEmpty();
        assertThat(workspaceSeq()).isEqualTo(before);
        assertThat(changeSeqs(before)).isEmpty();
        long stored = f.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM commit_check")
                .mapTo(Long.class).one());
        assertThat(stored).isZero();
        records.create(f.ann, "items", json("{'code': 'after'}"));
        assertThat(codes()).containsExactly("after");
        assertThat(changeSeqs(before)).containsExactly(before + 1);
    }

    @Test
    void readsDoNotWaitForARunningWrite() throws Exception {
        long id = ((Number) records.create(f.ann, "items", json("{'code': 'r', 'n': 1}")).get("id")).longValue();
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> blocker = holdTheLane(release);
        try {
            Future<Map<String, Object>> read = threads.submit(() -> records.get(f.ann, "items", id));
            assertThat(read.get(10, TimeUnit.SECONDS)).containsEntry("code", "r");
            assertThat(codes()).containsExactly("r");
        } finally {
            release.countDown();
        }
        blocker.get(10, TimeUnit.SECONDS);
    }

    /** Starts a write that holds its transaction (and the lane) open until {@code release}. */
    private Future<Object> holdTheLane(CountDownLatch release) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        Future<Object> blocker = threads.submit(() -> WriteTx.run(f.db.jdbi(), f.ann, f.clock, tx -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "held";
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        return blocker;
    }

    /** Submits a write and waits until it is the {@code position}-th unit queued behind the running batch. */
    private Future<Object> queue(int position, Callable<Object> write) throws InterruptedException {
        Future<Object> unit = threads.submit(write);
        WriterLane lane = f.db.jdbi().getConfig(WriterQueue.class).lane(f.ann.workspaceId());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lane.queued() < position && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(lane.queued()).isEqualTo(position);
        return unit;
    }

    private long workspaceSeq() {
        return f.db.jdbi().withHandle(h -> h.createQuery("SELECT seq FROM workspaces WHERE id = :w")
                .bind("w", f.ann.workspaceId()).mapTo(Long.class).one());
    }

    private List<Long> changeSeqs(long after) {
        return f.db.jdbi().withHandle(h -> h.createQuery("SELECT seq FROM ws_changes WHERE workspace_id = :w "
                + "AND seq > :a ORDER BY seq").bind("w", f.ann.workspaceId()).bind("a", after)
                .mapTo(Long.class).list());
    }

    private List<String> codes() {
        return records.list(f.ann, "items", JsonRecords.query(List.of(), null, null, 1000, 0)).records().stream()
                .map(r -> (String) r.get("code")).toList();
    }

    private static List<Long> range(long first, long last) {
        List<Long> out = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            out.add(s);
        }
        return out;
    }
}
