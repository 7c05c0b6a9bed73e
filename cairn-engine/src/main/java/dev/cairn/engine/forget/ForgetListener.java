package dev.cairn.engine.forget;

/** Events out of {@link Forgetter}; called on its thread. Every method has a no-op default; the engine never prints. */
public interface ForgetListener {
    ForgetListener NONE = new ForgetListener() {
    };

    /** The repository is locked by {@code holder}; forget waits up to {@code retryFor}. Called once. */
    default void lockWaiting(String holder, java.time.Duration retryFor) {
    }

    /** A group was decided (before anything is deleted). */
    default void group(SnapshotGroups.Key key, SnapshotPolicy.Outcome outcome) {
    }

    /** A snapshot object was deleted. */
    default void removed(String snapshotId) {
    }
}
