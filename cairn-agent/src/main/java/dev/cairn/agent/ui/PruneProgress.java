package dev.cairn.agent.ui;

import dev.cairn.engine.prune.PrunePlan;
import dev.cairn.engine.prune.PruneListener;
import dev.cairn.engine.prune.Pruner;
import java.time.Duration;
import java.util.Locale;

/**
 * Renders a prune: the wait for the lock (once), the plan (what goes, what is repacked, bytes freed), a progress bar per
 * step on a terminal, and the outcome; in JSON mode one document with both.
 */
public final class PruneProgress implements PruneListener, AutoCloseable {
    private final Output output;
    private final boolean dryRun;
    private ProgressDisplay display;
    private Pruner.Phase phase;

    public PruneProgress(Output output, boolean dryRun) {
        this.output = output;
        this.dryRun = dryRun;
    }

    @Override
    public void lockWaiting(String holder, Duration retryFor) {
        output.warn(Formats.lockWait(holder, retryFor));
    }

    @Override
    public synchronized void phase(Pruner.Phase next) {
        close();
        phase = next;
    }

    @Override
    public synchronized void progress(long done, long total) {
        if (!output.showProgress() || phase == null) {
            return;
        }
        if (display == null) {
            display = ProgressDisplay.counting(output, phase.name().toLowerCase(Locale.ROOT).replace('_', ' '), total);
        }
        display.stepTo(done);
    }

    @Override
    public synchronized void planned(PrunePlan.Summary s) {
        close();
        String would = dryRun ? "would " : "";
        output.info(Formats.count(s.snapshots(), "snapshot", "snapshots") + ", " + Formats.count(s.packs(), "pack", "packs")
                + ": " + Formats.bytes(s.usedBytes()) + " used, " + Formats.bytes(s.unusedBytes()) + " unused");
        output.info(would + "delete " + Formats.count(s.packsToDelete() + s.unindexedPacks(), "pack", "packs") + " ("
                + s.unindexedPacks() + " listed by no index), " + would + "repack " + Formats.count(s.packsToRepack(), "pack", "packs")
                + " (" + Formats.bytes(s.bytesToRepack()) + " to copy)");
        output.info(would + "free " + Formats.bytes(s.bytesFreed()) + "; unused afterwards " + Formats.bytes(s.unusedAfter()));
    }

    /** The outcome, after the run. */
    public void report(Pruner.Result r) {
        PrunePlan.Summary s = r.plan();
        if (!dryRun) {
            output.info("deleted " + Formats.count(r.packsDeleted(), "pack", "packs") + " and "
                    + Formats.count(r.indexFilesDeleted(), "index file", "index files") + ", wrote "
                    + Formats.count(r.indexFilesWritten(), "index file", "index files") + ", repacked "
                    + Formats.bytes(r.bytesRepacked()));
        }
        output.json(JsonOutput.object("message_type", "prune", "dry_run", dryRun, "snapshots", s.snapshots(), "packs", s.packs(),
                "packs_to_delete", s.packsToDelete(), "packs_unindexed", s.unindexedPacks(), "packs_to_repack", s.packsToRepack(),
                "used_bytes", s.usedBytes(), "unused_bytes", s.unusedBytes(), "unused_after", s.unusedAfter(),
                "bytes_to_repack", s.bytesToRepack(), "bytes_freed", s.bytesFreed(), "packs_deleted", r.packsDeleted(),
                "index_files_written", r.indexFilesWritten(), "index_files_deleted", r.indexFilesDeleted()));
    }

    @Override
    public synchronized void close() {
        if (display != null) {
            display.close();
            display = null;
        }
    }
}
