package dev.cairn.agent.cli;

import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.repo.Keys;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn key add}: adds a passphrase. */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a passphrase (a new key file for the same master key).")
final class KeyAddCommand extends BaseCommand {
    @Option(names = "--new-password-file", paramLabel = "FILE", description = "read the new passphrase from FILE (default: ask twice)")
    Path newPasswordFile;

    @Override
    protected int execute() throws Exception {
        try (OpenRepository open = openRepository()) {
            char[] added = passphrases().added(newPasswordFile);
            try {
                String id = open.repo().addKey(added, RepositoryAccess.kdf(context()));
                output().info("saved new key " + id.substring(0, 8));
                output().json(JsonOutput.object("message_type", "key_added", "id", id));
                return ExitCodes.OK;
            } finally {
                Arrays.fill(added, '\0');
            }
        }
    }
}
