package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.copy.Copier;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn copy --from-repo SOURCE}: copies snapshots from SOURCE into the repository of {@code -r}, as
 * {@code restic copy} does (the destination is the usual repository, the source is named by the {@code --from-*} options).
 */
@Command(name = "copy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copy snapshots from another repository into this one (-r), e.g. a local repository to a server.",
                "Only data this repository lacks is encrypted with its key and stored; snapshots copied before are skipped, "
                        + "so running it again copies nothing."})
final class CopyCommand extends BaseCommand {
    /** The source's passphrase when --from-password-file is not given. */
    static final String FROM_PASSWORD_ENV = "CAIRN_FROM_PASSWORD";
    /** The source's location when --from-repo is not given. */
    static final String FROM_REPOSITORY_ENV = "CAIRN_FROM_REPOSITORY";

    @Parameters(arity = "0..*", paramLabel = "SNAPSHOT", description = "snapshots to copy (default: all the filters select)")
    List<String> ids = new ArrayList<>();

    @Option(names = "--from-repo", paramLabel = "LOCATION", description = "the repository to copy from (default: $CAIRN_FROM_REPOSITORY)")
    String fromRepo;

    @Option(names = "--from-password-file", paramLabel = "FILE",
            description = "read the source's passphrase from FILE (default: $CAIRN_FROM_PASSWORD, else ask)")
    Path fromPasswordFile;

    @Mixin
    SnapshotFilterOptions filter;

    @Mixin
    LockOptions lock;

    @Override
    protected int execute() throws IOException {
        CliContext sourceContext = sourceContext();
        String from = RepositoryAccess.location(sourceContext, fromRepo, spec);
        try (OpenRepository source = RepositoryAccess.open(sourceContext, from, new Passphrases(sourceContext, fromPasswordFile),
                access(true), server());
                OpenRepository destination = openRepository()) {
            List<SnapshotRef> selected = selected(source);
            Copier.Result result = new Copier(source.repo(), destination.repo()).copy(selected, lock.lockWait(spec),
                    (holder, wait) -> output().warn(Formats.lockWait(holder, wait)));
            report(result);
            return ExitCodes.OK;
        }
    }

    /** The environment as the source sees it: its location and passphrase come from the CAIRN_FROM_* variables. */
    private CliContext sourceContext() {
        CliContext c = context();
        Map<String, String> env = new HashMap<>(c.env());
        env.remove(CliContext.PASSWORD_ENV);
        env.remove(CliContext.REPOSITORY_ENV);
        if (c.env(FROM_PASSWORD_ENV) != null) {
            env.put(CliContext.PASSWORD_ENV, c.env(FROM_PASSWORD_ENV));
        }
        if (c.env(FROM_REPOSITORY_ENV) != null) {
            env.put(CliContext.REPOSITORY_ENV, c.env(FROM_REPOSITORY_ENV));
        }
        return new CliContext(env, c.in(), c.out(), c.err(), c.console());
    }

    private List<SnapshotRef> selected(OpenRepository source) throws IOException {
        if (ids.isEmpty()) {
            return Snapshots.list(source.repo()).stream().filter(r -> filter.predicate().test(r.snapshot())).toList();
        }
        List<SnapshotRef> refs = new ArrayList<>();
        for (String id : ids) {
            refs.add(Snapshots.resolve(source.repo(), id, filter.predicate()));
        }
        return refs.stream().distinct().toList();
    }

    private void report(Copier.Result result) {
        int copied = 0;
        for (Copier.Copied c : result.snapshots()) {
            if (c.skipped()) {
                output().info("snapshot " + c.sourceId().substring(0, 8) + " was copied before, skipped");
            } else {
                copied++;
                output().info("snapshot " + c.sourceId().substring(0, 8) + " copied as " + c.destinationId().substring(0, 8));
            }
        }
        output().result("copied " + Formats.count(copied, "snapshot", "snapshots") + ", skipped "
                + (result.snapshots().size() - copied) + "; added " + Formats.bytes(result.bytesAdded()));
        output().json(JsonOutput.object("message_type", "summary", "snapshots_copied", copied, "snapshots_skipped",
                result.snapshots().size() - copied, "blobs_added", result.blobsAdded(), "data_added", result.bytesAdded(),
                "snapshots", result.snapshots().stream().map(c -> JsonOutput.object("source_id", c.sourceId(),
                        "destination_id", c.destinationId(), "skipped", c.skipped())).toList()));
    }
}
