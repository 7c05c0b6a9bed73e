package dev.cairn.engine.backup;

import java.util.List;

/**
 * What and how to back up.
 *
 * @param excludes         glob patterns; a pattern with a {@code /} matches absolute paths, one without matches base names
 * @param excludeIfPresent file names whose presence in a directory excludes that directory
 * @param tags             tags recorded in the snapshot
 * @param hostname         host recorded in the snapshot; null means the environment's host name
 * @param parent           snapshot id to compare against; null picks the latest with the same host and paths; "" disables
 * @param readers          threads reading, chunking, compressing and sealing files in parallel (≥ 1)
 * @param programVersion   recorded in the snapshot
 * @param lockWait         how long to wait for a lock another process holds (a prune)
 */
public record ArchiverOptions(List<String> excludes, List<String> excludeIfPresent, List<String> tags, String hostname,
        String parent, int readers, String programVersion, dev.cairn.engine.repo.LockWait lockWait) {
    public ArchiverOptions {
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        excludeIfPresent = excludeIfPresent == null ? List.of() : List.copyOf(excludeIfPresent);
        tags = tags == null ? List.of() : List.copyOf(tags);
        lockWait = lockWait == null ? dev.cairn.engine.repo.LockWait.NONE : lockWait;
        if (readers < 1) {
            throw new IllegalArgumentException("readers (" + readers + ") must be >= 1");
        }
    }

    public static ArchiverOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ArchiverOptions(List.of(), List.of(), List.of(), null, null, Math.max(2, cores), "dev", null);
    }

    /** The host recorded in the snapshot and used to find the parent: {@link #hostname}, else {@code environmentHost}. */
    public String hostOr(String environmentHost) {
        return hostname != null ? hostname : environmentHost;
    }

    public ArchiverOptions withExcludes(List<String> patterns, List<String> ifPresent) {
        return new ArchiverOptions(patterns, ifPresent, tags, hostname, parent, readers, programVersion, lockWait);
    }

    public ArchiverOptions withTags(List<String> newTags) {
        return new ArchiverOptions(excludes, excludeIfPresent, newTags, hostname, parent, readers, programVersion, lockWait);
    }

    public ArchiverOptions withHostname(String host) {
        return new ArchiverOptions(excludes, excludeIfPresent, tags, host, parent, readers, programVersion, lockWait);
    }

    public ArchiverOptions withParent(String parentId) {
        return new ArchiverOptions(excludes, excludeIfPresent, tags, hostname, parentId, readers, programVersion, lockWait);
    }

    public ArchiverOptions withProgramVersion(String version) {
        return new ArchiverOptions(excludes, excludeIfPresent, tags, hostname, parent, readers, version, lockWait);
    }

    /** {@code n} threads read and seal files at once (≥ 1; the default is the number of cores, at least two). */
    public ArchiverOptions withReaders(int n) {
        return new ArchiverOptions(excludes, excludeIfPresent, tags, hostname, parent, n, programVersion, lockWait);
    }

    public ArchiverOptions withLockWait(dev.cairn.engine.repo.LockWait wait) {
        return new ArchiverOptions(excludes, excludeIfPresent, tags, hostname, parent, readers, programVersion, wait);
    }
}
