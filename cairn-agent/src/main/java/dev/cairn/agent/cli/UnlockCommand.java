package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.repo.RepositoryLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn unlock}: removes stale locks (or all locks). */
@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Remove stale locks (older than " + 30 + " minutes, or unreadable) left by crashed processes.",
                "--remove-all also removes live locks: only when you are sure no other cairn process uses the repository."})
final class UnlockCommand extends BaseCommand {
    @Option(names = "--remove-all", description = "remove every lock, live ones too")
    boolean all;

    @Override
    protected int execute() throws Exception {
        try (OpenRepository open = openRepository()) {
            int removed = RepositoryLock.removeStale(open.repo(), all);
            output().info("removed " + Formats.count(removed, "lock", "locks"));
            output().json(JsonOutput.object("message_type", "unlocked", "removed", removed));
            return ExitCodes.OK;
        }
    }
}
