package dev.cairn.engine.prune;

/** Events out of {@link Pruner}, on its thread; every method has a no-op default. The engine never prints. */
public interface PruneListener {
    PruneListener NONE = new PruneListener() {
    };

    /** The repository is locked by {@code holder}; prune waits up to {@code retryFor}. Called once. */
    default void lockWaiting(String holder, java.time.Duration retryFor) {
    }

    /** A step starts (see {@link Pruner} for the steps, in order). */
    default void phase(Pruner.Phase phase) {
    }

    /** Progress within the current step: {@code done} of {@code total} (snapshots walked, packs repacked or deleted). */
    default void progress(long done, long total) {
    }

    /** What prune is about to do (also for a dry run, which stops after this). */
    default void planned(PrunePlan.Summary summary) {
    }
}
