package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.agent.ui.RestoreProgress;
import dev.cairn.engine.restore.RestoreOptions;
import dev.cairn.engine.restore.RestoreResult;
import dev.cairn.engine.restore.Restorer;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn restore SNAPSHOT --target DIR}: writes a snapshot's files back to disk. */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Restore a snapshot into a directory.",
                "Paths keep their absolute form below DIR: /home/me/docs is restored to DIR/home/me/docs.",
                "--include and --exclude take globs matched against snapshot paths (/home/me/docs, *.pdf) and narrow what is",
                "restored; an exclude wins over an include. Existing files with other content are replaced; others are left alone."})
final class RestoreCommand extends BaseCommand {
    @Parameters(paramLabel = "SNAPSHOT", description = "snapshot id, unique id prefix, or 'latest'")
    String snapshot;

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "DIR", description = "directory to restore into")
    Path target;

    @Option(names = {"-i", "--include"}, paramLabel = "PATTERN", description = "restore only these paths (repeatable)")
    List<String> includes = new ArrayList<>();

    @Option(names = {"-e", "--exclude"}, paramLabel = "PATTERN", description = "do not restore these paths (repeatable)")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--verify", description = "read every restored file back and compare it with the snapshot")
    boolean verify;

    @Override
    protected int execute() throws Exception {
        long start = System.nanoTime();
        try (OpenRepository open = openRepositoryForReading()) {
            SnapshotRef ref = Snapshots.resolve(open.repo(), snapshot, Snapshots.ALL);
            output().info("restoring snapshot " + ref.shortId() + " of " + ref.snapshot().paths() + " to " + target);
            RestoreOptions options = new RestoreOptions(includes, excludes, verify, RestoreOptions.DEFAULT_WORKERS);
            RestoreResult result;
            try (RestoreProgress progress = new RestoreProgress(output())) {
                result = Restorer.create(open.repo(), options, progress).restore(ref, target);
            }
            report(ref, result, (System.nanoTime() - start) / 1e9);
            return result.errors() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
        }
    }

    private void report(SnapshotRef ref, RestoreResult r, double seconds) {
        output().info("restored " + Formats.count(r.files(), "file", "files") + ", " + Formats.count(r.dirs(), "directory", "directories")
                + ", " + Formats.count(r.symlinks(), "symlink", "symlinks") + " (" + Formats.bytes(r.bytes()) + ") in "
                + Formats.duration(seconds));
        if (verify) {
            output().info("verified " + Formats.count(r.verified(), "file", "files"));
        }
        if (r.errors() > 0) {
            output().warn(Formats.count(r.errors(), "item", "items") + " could not be restored (exit code 3)");
        }
        output().json(JsonOutput.object("message_type", "summary", "snapshot_id", ref.id(), "target", target.toAbsolutePath().toString(),
                "files_restored", r.files(), "dirs_restored", r.dirs(), "symlinks_restored", r.symlinks(), "bytes_restored", r.bytes(),
                "files_verified", verify ? r.verified() : null, "error_count", r.errors(), "total_duration", seconds));
    }
}
