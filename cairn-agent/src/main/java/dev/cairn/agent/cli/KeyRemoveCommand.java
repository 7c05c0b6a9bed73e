package dev.cairn.agent.cli;

import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.repo.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn key remove ID}: removes a passphrase (not the one in use). */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove a key file by id or unique prefix. The key in use cannot be removed: open with another passphrase.")
final class KeyRemoveCommand extends BaseCommand {
    @Parameters(paramLabel = "ID", description = "key id or unique prefix, as 'cairn key list' shows")
    String id;

    @Override
    protected int execute() throws Exception {
        try (OpenRepository open = openRepository()) {
            String removed = Keys.remove(open.store(), id.toLowerCase(java.util.Locale.ROOT), open.repo().keyId());
            output().info("removed key " + removed.substring(0, 8));
            output().json(JsonOutput.object("message_type", "key_removed", "id", removed));
            return ExitCodes.OK;
        }
    }
}
