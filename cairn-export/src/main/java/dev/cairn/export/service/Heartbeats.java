package dev.cairn.export.service;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Running exports and the processes that run them (ADR 30): this process renews the heartbeat of each export it runs
 * every {@link #BEAT} ({@link #beat}, a job); any process fails a running export whose heartbeat is older than
 * {@link #STALE} ({@link #failStale}, a job, and at start), because the process that ran it is gone, and makes the
 * workspace's schedule due again when the schedule started it, so the next run of the schedule job retries it.
 * Thread-safe.
 */
public final class Heartbeats {
    /** How often a running export's heartbeat is renewed. */
    public static final Duration BEAT = Duration.ofSeconds(30);
    /** How old a heartbeat may get before its export counts as lost: four missed beats. */
    public static final Duration STALE = Duration.ofMinutes(2);
    static final String LOST = "the server running the export stopped before it finished; nothing of it was kept";
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);
    private final ExportTable table;
    private final ScheduleTable schedules;
    private final InstantSource clock;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    Heartbeats(ExportTable table, ScheduleTable schedules, InstantSource clock) {
        this.table = table;
        this.schedules = schedules;
        this.clock = clock;
    }

    /** Export {@code id} runs in this process from now until {@link #ended}. */
    void started(long id) {
        running.add(id);
    }

    void ended(long id) {
        running.remove(id);
    }

    /** Renews the heartbeat of every export this process runs (the job). */
    public void beat() {
        table.beat(Set.copyOf(running));
    }

    /** Fails the running exports whose process is gone (the job); returns how many it failed. */
    public int failStale() {
        Instant now = clock.instant();
        Instant before = now.minus(STALE);
        int failed = 0;
        for (Export e : table.stale(before)) {
            if (running.contains(e.id()) || !table.failStale(e.id(), before, retryNote(e))) {
                continue; // ours (a beat is late, not lost) or it beat or ended since it was read
            }
            failed++;
            LOG.warn("export {} of workspace {} lost its server (no heartbeat since {}); marked failed", e.id(),
                    e.workspaceId(), e.startedAt());
            if (ExportService.SCHEDULE.equals(e.createdBy())) {
                schedules.dueNow(e.workspaceId(), now);
            }
        }
        return failed;
    }

    private static String retryNote(Export e) {
        return LOST + (ExportService.SCHEDULE.equals(e.createdBy()) ? "; the schedule runs it again"
                : "; export again");
    }
}
