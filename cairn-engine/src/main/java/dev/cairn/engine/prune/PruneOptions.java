package dev.cairn.engine.prune;

import dev.cairn.engine.repo.LockWait;

/**
 * What prune may do.
 *
 * @param maxUnused     unused data tolerated in packs still in use after prune ({@code 5%} by default): packs that are
 *                      partly unused are repacked, most unused first, until what stays unused is within this
 * @param maxRepackSize at most this many bytes of still-used data are copied into new packs
 * @param dryRun        plan and report only; nothing is written or deleted
 * @param lockWait      how long to wait for the exclusive lock
 */
public record PruneOptions(ByteLimit maxUnused, ByteLimit maxRepackSize, boolean dryRun, LockWait lockWait) {
    public static PruneOptions defaults() {
        return new PruneOptions(new ByteLimit(-1, 5), ByteLimit.UNLIMITED, false, LockWait.NONE);
    }

    public PruneOptions withMaxUnused(ByteLimit limit) {
        return new PruneOptions(limit, maxRepackSize, dryRun, lockWait);
    }

    public PruneOptions withMaxRepackSize(ByteLimit limit) {
        return new PruneOptions(maxUnused, limit, dryRun, lockWait);
    }

    public PruneOptions withDryRun(boolean dry) {
        return new PruneOptions(maxUnused, maxRepackSize, dry, lockWait);
    }

    public PruneOptions withLockWait(LockWait wait) {
        return new PruneOptions(maxUnused, maxRepackSize, dryRun, wait);
    }
}
