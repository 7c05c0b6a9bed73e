package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.repo.RepositoryLock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn unlock}: removes stale locks (or all locks); on a server, lists the leases and removes them with --remove-all. */
@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Remove stale locks (older than " + 30 + " minutes, or unreadable) left by crashed processes.",
                "On a cairn server repository: list the live leases (they end by themselves within their TTL).",
                "--remove-all also removes live locks and leases: only when you are sure no other cairn process uses the repository."})
final class UnlockCommand extends BaseCommand {
    @Option(names = "--remove-all", description = "remove every lock or lease, live ones too")
    boolean all;

    @Override
    protected int execute() throws Exception {
        try (OpenRepository open = openRepository()) {
            List<String> live = all ? List.of() : open.repo().locking().live(open.repo());
            List<String> removed = RepositoryLock.remove(open.repo(), all);
            removed.forEach(line -> output().info("removed " + line));
            output().info("removed " + Formats.count(removed.size(), "lock", "locks"));
            live.forEach(line -> output().info("in use: " + line));
            if (!live.isEmpty()) {
                output().info("(--remove-all removes live ones too; a lease whose holder is gone ends by itself)");
            }
            output().json(JsonOutput.object("message_type", "unlocked", "removed", removed.size(), "removed_locks", removed,
                    "live", live));
            return ExitCodes.OK;
        }
    }
}
