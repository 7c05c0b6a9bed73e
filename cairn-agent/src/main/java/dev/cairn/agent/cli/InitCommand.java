package dev.cairn.agent.cli;

import dev.cairn.agent.ui.JsonOutput;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn init}: creates a new encrypted repository. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a new repository at -r/--repo (an empty or new directory).")
final class InitCommand extends BaseCommand {
    @Option(names = "--compression", defaultValue = "ZSTD-3", paramLabel = "NAME",
            description = "Blob compression: ZSTD-1 .. ZSTD-19 (higher: smaller, slower) or NONE. Default: ${DEFAULT-VALUE}.")
    String compression;

    @Override
    protected int execute() throws Exception {
        String location = location();
        char[] passphrase = passphrases().chosen();
        try (OpenRepository open = RepositoryAccess.init(context(), location, passphrase, compression, access(false),
                server())) {
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
