package dev.cairn.agent.daemon;

import dev.cairn.agent.export.ExportPuller;
import dev.cairn.engine.backup.Archiver;
import dev.cairn.engine.backup.ArchiverOptions;
import dev.cairn.engine.backup.BackupResult;
import dev.cairn.engine.check.CheckListener;
import dev.cairn.engine.check.CheckOptions;
import dev.cairn.engine.check.CheckResult;
import dev.cairn.engine.check.Checker;
import dev.cairn.engine.check.Severity;
import dev.cairn.engine.repo.LockWait;
import dev.cairn.engine.snapshot.SnapshotSummary;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one set once: pre-hook (a failure skips the run), backup, retention ({@code keep}, and prune when due: {@link Retention}),
 * post-hook, then the set's export pulls; queues a {@link RunReport} per step in the {@link Outbox}. Never throws for a
 * failed step: the {@link Outcome} says what happened. Called by one thread per set at a time.
 */
final class SetRunner {
    /** How long a backup or forget waits for a lock another process holds before the run fails (retried next slot). */
    static final Duration LOCK_WAIT = Duration.ofMinutes(10);
    private final RepositoryCache repositories;
    private final Outbox outbox;
    private final Outbox.Tokens tokens;
    private final Log log;
    private final Clock clock;
    private final String version;
    private final String host;
    private final Retention retention;

    /**
     * What a run came to: {@code success}, {@code partial} or {@code failed}, the first error, and its reports; when it
     * checked the repository and when it pruned it (null: it did not), and how many snapshots its {@code keep} forgot.
     */
    record Outcome(Instant start, Instant end, String status, String message, List<RunReport> reports, Instant checked,
                   int forgotten, Instant pruned) {
        static Outcome failed(Instant at, String message) {
            return new Outcome(at, at, "failed", message, List.of(), null, 0, null);
        }
    }

    SetRunner(RepositoryCache repositories, Outbox outbox, Outbox.Tokens tokens, Log log, Clock clock, String version, String host) {
        this.repositories = repositories;
        this.outbox = outbox;
        this.tokens = tokens;
        this.log = log;
        this.clock = clock;
        this.version = version;
        this.host = host;
        this.retention = new Retention(repositories, this::report, log, clock);
    }

    /** Forgets which sets' tokens refused retention (after a reload the token may be another). */
    void resetForgetDenied() {
        retention.reset();
    }

    /** Runs {@code set}; {@code before} is its state after the last run (null: it never ran). */
    Outcome run(SetConfig set, URI fileReportTo, SetState before) throws InterruptedException {
        Instant start = clock.instant();
        Instant lastCheck = before == null ? null : before.lastCheck();
        Instant checked = null;
        Retention.Result kept = new Retention.Result(List.of(), 0, null);
        List<RunReport> reports = new ArrayList<>();
        Hook.Outcome pre = hook(set, set.hooks().pre(), Map.of());
        if (pre != null && !pre.ok()) {
            String error = pre.describe("pre", set.hooks().pre(), set.hooks().timeout()) + "; the run was skipped";
            reports.add(report(set, "backup", start, "failed", List.of(error)));
        } else {
            if (set.backsUp()) {
                Backed backed = backup(set);
                RunReport backup = backed.report();
                reports.add(backup);
                if (!"failed".equals(backup.status()) && set.keep() != null) {
                    kept = retention.apply(set, before, backed.hostname());
                    reports.addAll(kept.reports());
                }
                if (!"failed".equals(backup.status()) && checkDue(set, lastCheck)) {
                    checked = clock.instant();
                    reports.add(check(set));
                }
            }
            for (SetConfig.ExportPull job : set.exportPull()) {
                reports.add(exportPull(set, job));
            }
            String status = worst(reports);
            Hook.Outcome post = hook(set, set.hooks().post(), Map.of("CAIRN_STATUS", status));
            if (post != null && !post.ok()) {
                log.info(set.name() + ": " + post.describe("post", set.hooks().post(), set.hooks().timeout()));
            }
        }
        queue(set, fileReportTo, reports);
        String first = reports.stream().flatMap(r -> r.errors().stream()).findFirst().orElse(null);
        return new Outcome(start, clock.instant(), worst(reports), first, reports, checked, kept.forgotten(), kept.pruned());
    }

    /** A backup's report, and the host its snapshot records (null if it failed). */
    private record Backed(RunReport report, String hostname) {
    }

    private Backed backup(SetConfig set) {
        Instant start = clock.instant();
        BackupCounter counter = new BackupCounter();
        try {
            RepositoryOpener.Opened o = repositories.get(set);
            // Another writer (a 'cairn backup' by hand, another computer) may have added index files since the last run:
            // without them the parent snapshot's trees look missing and every file is read again. One listing per run.
            o.repo().refreshIndex(true);
            ArchiverOptions options = ArchiverOptions.defaults().withExcludes(set.exclude(), set.excludeIfPresent())
                    .withTags(set.tags()).withProgramVersion(version).withLockWait(LockWait.of(LOCK_WAIT));
            BackupResult r = Archiver.create(o.repo(), options, counter).run(set.sources());
            SnapshotSummary s = r.snapshot().summary();
            String status = r.snapshot().partial() ? "partial" : "success";
            log.info(set.name() + ": backup " + status + ", snapshot " + r.snapshotId().substring(0, 8) + " (" + s.filesNew()
                    + " new, " + s.filesChanged() + " changed, " + s.filesUnmodified() + " unchanged files)");
            return new Backed(new RunReport(UUID.randomUUID().toString(), "backup", set.name(), set.reportedRepository(), host,
                    version, start, clock.instant(), status, r.snapshotId(), s.filesNew(), s.filesChanged(), s.filesUnmodified(),
                    counter.bytesNew.get(), counter.bytesChanged.get(), counter.bytesUnchanged.get(), s.dataAddedPacked(),
                    counter.errors(), false), r.snapshot().hostname());
        } catch (IOException | RuntimeException e) {
            repositories.drop(set.name());
            log.info(set.name() + ": backup failed: " + message(e));
            return new Backed(report(set, "backup", start, "failed", List.of(message(e))), null);
        }
    }

    private boolean checkDue(SetConfig set, Instant lastCheck) {
        return set.check() != null && (lastCheck == null || !clock.instant().isBefore(lastCheck.plus(set.check().every())));
    }

    /** {@code cairn check} (structure, and the configured share of the data); damage fails the run and is reported. */
    private RunReport check(SetConfig set) {
        Instant start = clock.instant();
        try {
            RepositoryOpener.Opened o = repositories.get(set);
            String subset = set.check().readDataSubset();
            CheckOptions options = subset == null ? CheckOptions.structure() : new CheckOptions(true, CheckOptions.parseSubset(subset));
            CheckResult r = Checker.create(o.repo(), options, CheckListener.NONE).run();
            List<String> errors = r.findings().stream().filter(f -> f.severity() == Severity.ERROR).map(Object::toString).toList();
            log.info(set.name() + ": check " + (r.ok() ? "found no damage" : "found " + errors.size() + " error(s): " + errors.get(0)));
            return new RunReport(UUID.randomUUID().toString(), "check", set.name(), set.reportedRepository(), host, version, start,
                    clock.instant(), r.ok() ? "success" : "failed", null, 0, 0, 0, 0, 0, 0, 0, errors, !r.ok());
        } catch (IOException | RuntimeException e) {
            repositories.drop(set.name());
            log.info(set.name() + ": check failed: " + message(e));
            return report(set, "check", start, "failed", List.of(message(e)));
        }
    }

    private RunReport exportPull(SetConfig set, SetConfig.ExportPull job) {
        Instant start = clock.instant();
        try {
            String identity = Files.readAllLines(job.identity(), StandardCharsets.US_ASCII).stream().map(String::strip)
                    .filter(l -> l.startsWith("AGE-SECRET-KEY-")).findFirst()
                    .orElseThrow(() -> new IOException(job.identity() + " holds no age identity (a line AGE-SECRET-KEY-1...)"));
            ExportPuller.Result r = new ExportPuller(job.server(), server -> tokens.token(server, job.tokenFile(), set.insecureHttp())
                    .orElseThrow(() -> new IOException("no credential for " + server + ": sign in with 'cairn login " + server
                            + "' or give the job a token-file")), identity, job.toDir(), QUIET,
                    dev.cairn.blob.StreamThrottle.of(set.bandwidth().downloadBytesPerSecond())).pull();
            log.info(set.name() + ": export pull from " + job.server() + ": " + r.pulled().size() + " pulled, " + r.alreadyHad()
                    + " already in " + job.toDir());
            return RunReport.simple(UUID.randomUUID().toString(), "export-pull", set.name(), job.toDir().toString(), host,
                    version, start, clock.instant(), "success", List.of());
        } catch (IOException | RuntimeException e) {
            log.info(set.name() + ": export pull from " + job.server() + " failed: " + message(e));
            return RunReport.simple(UUID.randomUUID().toString(), "export-pull", set.name(), job.toDir().toString(), host,
                    version, start, clock.instant(), "failed", List.of(message(e)));
        }
    }

    private static final ExportPuller.Listener QUIET = new ExportPuller.Listener() {
        @Override
        public void pinned(String key) {
        }

        @Override
        public void resumed(long id, long offset) {
        }

        @Override
        public void pulled(long id, Path dir) {
        }
    };

    private Hook.Outcome hook(SetConfig set, String command, Map<String, String> extra) throws InterruptedException {
        if (command == null || command.isBlank()) {
            return null;
        }
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("CAIRN_SET", set.name());
        if (set.repository() != null) {
            env.put("CAIRN_REPOSITORY", set.repository());
        }
        try {
            return Hook.run(command, env, set.hooks().timeout());
        } catch (IOException e) {
            log.info(set.name() + ": hook '" + command + "' could not start: " + e.getMessage());
            return new Hook.Outcome(127, false);
        }
    }

    private void queue(SetConfig set, URI fileReportTo, List<RunReport> reports) {
        for (RunReport r : reports) {
            URI server = "export-pull".equals(r.kind()) ? exportServer(set, r) : set.reportServer(fileReportTo);
            if (server == null) {
                continue;
            }
            try {
                outbox.add(server, set.tokenFile(), set.insecureHttp(), r);
            } catch (IOException e) {
                log.info(set.name() + ": could not queue the run report: " + e.getMessage());
            }
        }
    }

    private static URI exportServer(SetConfig set, RunReport r) {
        return set.exportPull().stream().filter(j -> j.toDir().toString().equals(r.repository())).map(SetConfig.ExportPull::server)
                .findFirst().orElse(null);
    }

    private RunReport report(SetConfig set, String kind, Instant start, String status, List<String> errors) {
        return RunReport.simple(UUID.randomUUID().toString(), kind, set.name(), set.reportedRepository(), host, version, start,
                clock.instant(), status, errors);
    }

    static String worst(List<RunReport> reports) {
        if (reports.stream().anyMatch(r -> "failed".equals(r.status()))) {
            return "failed";
        }
        return reports.stream().anyMatch(r -> "partial".equals(r.status())) ? "partial" : "success";
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
