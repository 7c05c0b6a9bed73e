package dev.cairn.agent.cli;

import dev.cairn.agent.ui.JsonOutput;
import java.util.Arrays;
import picocli.CommandLine.Command;

/** {@code cairn init}: creates a new encrypted repository. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a new repository at -r/--repo (an empty or new directory).")
final class InitCommand extends BaseCommand {

    @Override
    protected int execute() throws Exception {
        String location = location();
        char[] passphrase = passphrases().chosen();
        try (OpenRepository open = RepositoryAccess.init(context(), location, passphrase)) {
            String id = open.repo().config().id();
            output().info("created cairn repository " + id.substring(0, 10) + " at " + location);
            output().info("");
            output().info("Keep the passphrase safe: without it the data in this repository cannot be read by anyone, including you.");
            output().json(JsonOutput.object("message_type", "initialized", "id", id, "repository", location,
                    "chunker", open.repo().config().chunker(), "compression", open.repo().config().compression()));
            return ExitCodes.OK;
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }
}
