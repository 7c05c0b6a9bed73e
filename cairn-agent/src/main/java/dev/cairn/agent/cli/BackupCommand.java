package dev.cairn.agent.cli;

import dev.cairn.agent.ui.BackupProgress;
import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.agent.ui.Output;
import dev.cairn.engine.backup.Archiver;
import dev.cairn.engine.backup.ArchiverOptions;
import dev.cairn.engine.backup.BackupResult;
import dev.cairn.engine.snapshot.SnapshotSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code cairn backup PATH…}: saves a new snapshot. */
@Command(name = "backup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Back up files and directories into a new snapshot.",
                "Unchanged files (same size, mtime, ctime and inode as in the parent snapshot) are not read again."})
final class BackupCommand extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "PATH", description = "files and directories to back up")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--files-from", paramLabel = "FILE", description = "also back up the paths listed in FILE, one per line "
            + "(trimmed; empty lines and # comments skipped; globs expanded); '-' reads standard input")
    List<String> filesFrom = new ArrayList<>();

    @Option(names = "--files-from-verbatim", paramLabel = "FILE", description = "also back up the paths in FILE, one per line, "
            + "exactly as written (only empty lines skipped)")
    List<String> filesFromVerbatim = new ArrayList<>();

    @Option(names = "--files-from-raw", paramLabel = "FILE", description = "also back up the paths in FILE, separated by NUL "
            + "bytes (find -print0)")
    List<String> filesFromRaw = new ArrayList<>();

    @Option(names = {"-n", "--dry-run"}, description = "do not write anything: only report what would be new and how much "
            + "would be stored")
    boolean dryRun;

    @Option(names = {"-e", "--exclude"}, paramLabel = "PATTERN",
            description = "leave out matches of a glob (with '/': matched against the absolute path; without: the name)")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--exclude-file", paramLabel = "FILE", description = "read exclude patterns from FILE, one per line (# comments)")
    List<Path> excludeFiles = new ArrayList<>();

    @Option(names = "--exclude-if-present", paramLabel = "NAME", description = "leave out directories that contain a file NAME")
    List<String> excludeIfPresent = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG[,TAG…]", split = ",", description = "record tags in the snapshot")
    List<String> tags = new ArrayList<>();

    @Option(names = "--host", paramLabel = "HOST", description = "record HOST instead of this machine's host name")
    String host;

    @Option(names = "--parent", paramLabel = "SNAPSHOT", description = "compare against this snapshot (default: latest with same host and paths)")
    String parent;

    @Option(names = "--force", description = "read every file again: use no parent snapshot")
    boolean force;

    @Option(names = "--read-concurrency", paramLabel = "N", description = "read and encrypt N files at once (default: the "
            + "number of CPU cores, at least 2; 1 for a disk that seeks, such as a USB hard disk)")
    Integer readConcurrency;

    @picocli.CommandLine.Mixin
    LockOptions lock;

    @Override
    protected int execute() throws Exception {
        if (force && parent != null) {
            throw new ParameterException(spec.commandLine(), "--force and --parent exclude each other: --force means no parent");
        }
        ArchiverOptions options = options();
        List<Path> targets = targets();
        try (OpenRepository open = openRepository()) {
            BackupResult result;
            try (BackupProgress progress = new BackupProgress(output())) {
                Archiver archiver = Archiver.create(open.repo(), options, progress);
                result = (dryRun ? archiver.dryRun() : archiver).run(targets);
            }
            report(result);
            return result.snapshot().partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
        }
    }

    /** The PATH arguments and the paths the --files-from* files list (restic's order: arguments first). */
    private List<Path> targets() throws IOException {
        List<Path> all = new ArrayList<>(paths);
        FilesFrom lists = new FilesFrom(context().in(), output()::warn);
        for (String f : filesFrom) {
            all.addAll(lists.patterns(f));
        }
        for (String f : filesFromVerbatim) {
            all.addAll(lists.verbatim(f));
        }
        for (String f : filesFromRaw) {
            all.addAll(lists.raw(f));
        }
        if (all.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to back up: give PATHs or --files-from FILE");
        }
        return all;
    }

    private ArchiverOptions options() throws IOException {
        List<String> patterns = new ArrayList<>(excludes);
        for (Path file : excludeFiles) {
            patterns.addAll(Files.readAllLines(file));
        }
        List<String> tagList = tags.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        ArchiverOptions defaults = ArchiverOptions.defaults();
        if (readConcurrency != null && readConcurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--read-concurrency must be at least 1, not " + readConcurrency);
        }
        return (readConcurrency == null ? defaults : defaults.withReaders(readConcurrency)).withExcludes(patterns, excludeIfPresent).withTags(tagList).withHostname(host)
                .withParent(force ? "" : parent).withProgramVersion(Version.VERSION).withLockWait(lock.lockWait(spec));
    }

    private void report(BackupResult result) {
        SnapshotSummary s = result.snapshot().summary();
        Output out = output();
        out.info("");
        out.info(String.format("Files:       %6d new, %6d changed, %6d unmodified", s.filesNew(), s.filesChanged(), s.filesUnmodified()));
        out.info(String.format("Dirs:        %6d", s.dirs()));
        out.info("Added to the repository: " + Formats.bytes(s.dataAdded()) + " (" + Formats.bytes(s.dataAddedPacked()) + " stored)");
        out.info("");
        out.info("processed " + Formats.count(s.totalFiles(), "file", "files") + ", " + Formats.bytes(s.totalBytes()) + " in "
                + Formats.duration(s.durationSeconds()));
        if (dryRun) {
            out.info("dry run: nothing was stored; a backup would add " + Formats.bytes(s.dataAdded()) + " ("
                    + Formats.bytes(s.dataAddedPacked()) + " stored)");
        } else {
            out.info("snapshot " + result.snapshotId().substring(0, 8) + " saved");
        }
        if (result.snapshot().partial() && dryRun) {
            out.warn(Formats.count(s.errors(), "item", "items") + " could not be read (exit code 3)");
        } else if (result.snapshot().partial()) {
            out.warn(Formats.count(s.errors(), "item", "items") + " could not be read; snapshot "
                    + result.snapshotId().substring(0, 8) + " is partial (exit code 3)");
        }
        out.json(summary(result));
    }

    private static Map<String, Object> summary(BackupResult result) {
        SnapshotSummary s = result.snapshot().summary();
        return JsonOutput.object("message_type", "summary", "files_new", s.filesNew(), "files_changed", s.filesChanged(),
                "files_unmodified", s.filesUnmodified(), "dirs_processed", s.dirs(), "blobs_added", s.dataBlobsAdded(),
                "data_added", s.dataAdded(), "data_added_packed", s.dataAddedPacked(), "total_files_processed", s.totalFiles(),
                "total_bytes_processed", s.totalBytes(), "total_duration", s.durationSeconds(), "error_count", s.errors(),
                "partial", result.snapshot().partial(), "snapshot_id", result.snapshotId(), "parent", result.snapshot().parent(),
                "paths", result.snapshot().paths(), "tags", result.snapshot().tags(), "dry_run", result.snapshotId() == null);
    }
}
