package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.repair.PackSalvage;
import dev.cairn.engine.repo.RepositoryLock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code cairn repair packs}: salvages what is intact in damaged packs (restic's {@code repair packs}). */
@Command(name = "packs", mixinStandardHelpOptions = true,
        description = {"Copy the intact contents of damaged packs into new packs, then delete the damaged ones.",
                "Give the pack ids 'cairn check --read-data' reports. The index is rebuilt afterwards; then run "
                        + "'cairn repair snapshots' to remove what was lost from the snapshots."})
final class RepairPacksCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "PACK", description = "ids of the damaged packs (64 hex digits, as check prints them)")
    List<String> packs = new ArrayList<>();

    @Mixin
    LockOptions lock;

    @Override
    protected int execute() throws IOException {
        List<BlobId> ids = new ArrayList<>();
        for (String p : packs) {
            try {
                ids.add(BlobId.parse(p.strip()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "'" + p + "' is not a pack id: give the 64 hex digits check prints");
            }
        }
        try (OpenRepository open = openRepository();
                RepositoryLock held = lock.lockWait(spec).acquire(open.repo(), true,
                        (holder, wait) -> output().warn(Formats.lockWait(holder, wait)),
                        holder -> output().warn(Formats.deadLock(holder)))) {
            PackSalvage.Result r;
            try {
                r = PackSalvage.salvage(open.repo(), ids);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            output().result("salvaged " + Formats.count(r.blobsSalvaged(), "blob", "blobs") + " into new packs, "
                    + r.blobsLost() + " could not be read; deleted " + Formats.count(r.packsDeleted().size(), "damaged pack",
                    "damaged packs") + (r.blobsLost() > 0 ? ". Now run 'cairn repair snapshots'." : ""));
            output().json(JsonOutput.object("message_type", "summary", "blobs_salvaged", r.blobsSalvaged(), "blobs_lost",
                    r.blobsLost(), "packs_deleted", r.packsDeleted(), "packs_indexed", r.index().packsIndexed()));
            return ExitCodes.OK;
        }
    }
}
