package dev.cairn.export.service;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Running exports and the processes that run them (ADR 30): this process renews the heartbeat of each export it runs
 * every {@link #BEAT} ({@link #beat}, a job); any process fails a running export whose process the platform counts as
 * gone, or whose heartbeat is older than {@link #STALE} ({@link #failStale}, a job, and at start), and makes the
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
    private final Supplier<Set<String>> liveProcesses;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    /** @param liveProcesses the ids of the server processes alive now ({@code QuotaService.liveInstances}) */
    Heartbeats(ExportTable table, ScheduleTable schedules, InstantSource clock, Supplier<Set<String>> liveProcesses) {
        this.table = table;
        this.schedules = schedules;
        this.clock = clock;
        this.liveProcesses = liveProcesses;
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

    /**
     * Fails the running exports whose process is gone (the job): those whose process the platform no longer counts as
     * alive (a restarted server found it dead: at its start, {@code afterClaim}, not {@link #STALE} later), then
     * those whose heartbeat is older than {@link #STALE}. Returns how many it failed.
     */
    public int failStale() {
        Instant now = clock.instant();
        Set<String> live = liveProcesses.get();
        int failed = 0;
        for (Export e : table.orphaned(live)) {
            if (!running.contains(e.id()) && table.failOrphaned(e.id(), live, retryNote(e))) {
                lost(e, now, "its server process is gone");
                failed++;
            }
        }
        Instant before = now.minus(STALE);
        for (Export e : table.stale(before)) {
            if (!running.contains(e.id()) && table.failStale(e.id(), before, retryNote(e))) {
                lost(e, now, "no heartbeat since " + e.startedAt());
                failed++;
            } // else ours (a beat is late, not lost) or it beat or ended since it was read
        }
        return failed;
    }

    private void lost(Export e, Instant now, String why) {
        LOG.warn("export {} of workspace {} lost its server ({}); marked failed", e.id(), e.workspaceId(), why);
        if (ExportService.SCHEDULE.equals(e.createdBy())) {
            schedules.dueNow(e.workspaceId(), now);
        }
    }

    private static String retryNote(Export e) {
        return LOST + (ExportService.SCHEDULE.equals(e.createdBy()) ? "; the schedule runs it again"
                : "; export again");
    }
}
