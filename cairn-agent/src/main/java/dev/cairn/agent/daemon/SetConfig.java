package dev.cairn.agent.daemon;

import dev.cairn.client.ServerLocation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One backup set of the config (docs/daemon.md lists every key). A set backs up {@code sources} into {@code repository} on
 * its {@code schedule}, applies {@code keep} after each backup, and pulls {@code exportPull} copies; a set with only
 * {@code export-pull} jobs needs no repository. {@code name} is its key under {@code sets:}.
 */
public record SetConfig(String name, String repository, Path passwordFile, String passwordCommand, Path tokenFile,
        List<Path> sources, List<String> exclude, List<String> excludeIfPresent, List<String> tags, Schedule schedule,
        Keep keep, Prune prune, Check check, Bandwidth bandwidth, Hooks hooks, List<ExportPull> exportPull, URI reportTo, boolean insecureHttp) {
    public SetConfig {
        sources = sources == null ? List.of() : List.copyOf(sources);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        excludeIfPresent = excludeIfPresent == null ? List.of() : List.copyOf(excludeIfPresent);
        tags = tags == null ? List.of() : List.copyOf(tags);
        exportPull = exportPull == null ? List.of() : List.copyOf(exportPull);
        bandwidth = bandwidth == null ? Bandwidth.UNLIMITED : bandwidth;
        hooks = hooks == null ? Hooks.NONE : hooks;
        if (schedule == null) {
            throw new IllegalArgumentException("missing key 'schedule' (e.g. 'every 1h' or '0 * * * *')");
        }
        if (repository == null && exportPull.isEmpty()) {
            throw new IllegalArgumentException("missing key 'repository' (a directory, s3://... or https://SERVER/REPO)");
        }
        if (repository != null && sources.isEmpty()) {
            throw new IllegalArgumentException("missing key 'sources' (the directories and files to back up, e.g. [/home/me])");
        }
        if (repository == null && (keep != null || check != null || !sources.isEmpty())) {
            throw new IllegalArgumentException("'sources', 'keep' and 'check' need a 'repository'");
        }
        if (prune != null && keep == null) {
            throw new IllegalArgumentException("'prune' frees what 'keep' forgot: give the set a 'keep' too (or run 'cairn prune' by hand)");
        }
        if (passwordFile != null && passwordCommand != null) {
            throw new IllegalArgumentException("give 'password-file' or 'password-command', not both");
        }
    }

    SetConfig named(String setName) {
        return new SetConfig(setName, repository, passwordFile, passwordCommand, tokenFile, sources, exclude, excludeIfPresent,
                tags, schedule, keep, prune, check, bandwidth, hooks, exportPull, reportTo, insecureHttp);
    }

    /** Whether the set backs up (it may only pull exports). */
    public boolean backsUp() {
        return repository != null;
    }

    /** The server this set's run reports go to: its repository's server, else {@code report-to} (its own, else the file's); null for none. */
    URI reportServer(URI fileReportTo) {
        if (repository != null && ServerLocation.isServer(repository)) {
            return URI.create(ServerLocation.repository(repository, true).serverAddress());
        }
        return reportTo != null ? reportTo : fileReportTo;
    }

    /** The repository as run reports name it: a server repository's name ({@code laptop}), else the location. */
    String reportedRepository() {
        if (repository != null && ServerLocation.isServer(repository)) {
            return ServerLocation.repository(repository, true).repo();
        }
        return repository;
    }

    /** How the set prunes: {@code prune} as given, {@link Prune#DEFAULT} when it has a {@code keep} but no {@code prune}, null for never. */
    Prune pruning() {
        if (keep == null) {
            return null;
        }
        Prune p = prune == null ? Prune.DEFAULT : prune;
        return p.never() ? null : p;
    }

    /** Retention after each backup ({@code cairn forget}'s {@code --keep-*} rules); {@code within} like {@code 30d}. */
    public record Keep(Integer last, Integer hourly, Integer daily, Integer weekly, Integer monthly, Integer yearly, String within) {
        public Keep {
            for (Integer n : new Integer[] {last, hourly, daily, weekly, monthly, yearly}) {
                if (n != null && n < 1) {
                    throw new IllegalArgumentException("a 'keep' count must be at least 1");
                }
            }
            if (last == null && hourly == null && daily == null && weekly == null && monthly == null && yearly == null && within == null) {
                throw new IllegalArgumentException("'keep' keeps nothing: give at least one of last, hourly, daily, weekly, monthly, yearly, within");
            }
            if (within != null) {
                dev.cairn.engine.forget.RetentionDuration.parse(within);
            }
        }
    }

    /**
     * {@code cairn prune} after a backup whose {@code keep} has forgotten snapshots since the last prune, at most once per
     * {@code every} (default 7 days), tolerating {@code maxUnused} unused data in packs that stay (as {@code cairn prune
     * --max-unused}, default 5%). {@link #NEVER} ({@code prune: never}) turns it off. ADR 38 says why this is the rule.
     */
    public record Prune(java.time.Duration every, String maxUnused) {
        static final java.time.Duration DEFAULT_EVERY = java.time.Duration.ofDays(7);
        static final Prune DEFAULT = new Prune(null, null);
        /** Never prune (a zero interval, which the config cannot spell otherwise). */
        static final Prune NEVER = new Prune(java.time.Duration.ZERO, null);

        public Prune {
            every = every == null ? DEFAULT_EVERY : every;
            maxUnused = maxUnused == null ? "5%" : maxUnused;
            dev.cairn.engine.prune.ByteLimit.parse(maxUnused, "'max-unused'", true);
        }

        boolean never() {
            return every.isZero();
        }

        /** The engine's options (waiting {@code lockWait} for the exclusive lock). */
        dev.cairn.engine.prune.PruneOptions options(dev.cairn.engine.repo.LockWait lockWait) {
            return dev.cairn.engine.prune.PruneOptions.defaults()
                    .withMaxUnused(dev.cairn.engine.prune.ByteLimit.parse(maxUnused, "'max-unused'", true)).withLockWait(lockWait);
        }

        /** The keys of {@code prune:} as a map ({@code prune: never} is read by {@link ConfigLoader}). */
        record Keys(java.time.Duration every, String maxUnused) {
        }
    }

    /**
     * {@code cairn check} of the repository after a backup, at most once per {@code every} (e.g. {@code 7d}); with
     * {@code readDataSubset} ({@code 5%}, {@code 1/7}) it also re-reads that part of the stored data.
     */
    public record Check(java.time.Duration every, String readDataSubset) {
        public Check {
            if (every == null) {
                throw new IllegalArgumentException("'check' needs 'every' (e.g. every: 7d)");
            }
            if (readDataSubset != null) {
                dev.cairn.engine.check.CheckOptions.parseSubset(readDataSubset);
            }
        }
    }

    /** Bytes per second to and from the repository ({@link Long#MAX_VALUE}: unlimited). */
    public record Bandwidth(ByteRate upload, ByteRate download) {
        static final Bandwidth UNLIMITED = new Bandwidth(null, null);

        public long uploadBytesPerSecond() {
            return upload == null ? dev.cairn.blob.ThrottlingBlobStore.UNLIMITED : upload.bytesPerSecond();
        }

        public long downloadBytesPerSecond() {
            return download == null ? dev.cairn.blob.ThrottlingBlobStore.UNLIMITED : download.bytesPerSecond();
        }
    }

    /** A rate in bytes per second, written as a size ({@code 2MiB} means 2 MiB per second). */
    public record ByteRate(long bytesPerSecond) {
    }

    /** Shell commands before and after each run; one that runs longer than {@code timeout} is killed. */
    public record Hooks(String pre, String post, Duration timeout) {
        static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
        static final Hooks NONE = new Hooks(null, null, null);

        public Hooks {
            timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        }
    }

    /** A {@code cairn export pull --server SERVER --identity IDENTITY --to TO_DIR} job. */
    public record ExportPull(URI server, Path identity, Path toDir, Path tokenFile) {
        public ExportPull {
            if (server == null || identity == null || toDir == null) {
                throw new IllegalArgumentException("an export-pull job needs server, identity and to-dir");
            }
        }
    }
}
