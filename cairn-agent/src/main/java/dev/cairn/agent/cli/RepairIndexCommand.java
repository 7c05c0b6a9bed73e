package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.repo.IndexRepair;
import dev.cairn.engine.repo.RepositoryLock;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn repair index}: rebuilds the index from the stored packs (restic's {@code repair index}). */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Rebuild the index from the packs in the storage and replace the old index files.",
                "For 'index file cannot be read', a pack no index lists, or a pack the index lists but the storage lost. "
                        + "Packs are never deleted; unreadable ones are reported and left for 'cairn check'."})
final class RepairIndexCommand extends BaseCommand {
    @Mixin
    LockOptions lock;

    @Override
    protected int execute() throws IOException {
        try (OpenRepository open = openRepository();
                RepositoryLock held = lock.lockWait(spec).acquire(open.repo(), true,
                        (holder, wait) -> output().warn(Formats.lockWait(holder, wait)),
                        holder -> output().warn(Formats.deadLock(holder)))) {
            IndexRepair.Result r = IndexRepair.rebuild(open.repo());
            for (String pack : r.unreadablePacks()) {
                output().warn("data/" + pack + ": pack header cannot be read; not indexed, left in place");
            }
            output().result("indexed " + Formats.count(r.packsIndexed(), "pack", "packs") + "; replaced "
                    + Formats.count(r.oldIndexFilesDeleted(), "old index file", "old index files"));
            output().json(JsonOutput.object("message_type", "summary", "packs_indexed", r.packsIndexed(), "unreadable_packs",
                    r.unreadablePacks(), "old_index_files_deleted", r.oldIndexFilesDeleted()));
            return r.unreadablePacks().isEmpty() ? ExitCodes.OK : ExitCodes.DAMAGED;
        }
    }
}
