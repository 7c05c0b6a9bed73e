package dev.cairn.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cairn key add|list|remove}: manages the passphrases (key files) that open the repository. */
@Command(name = "key", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(add | list | remove)",
        description = "Manage the passphrases that open the repository; each passphrase has its own key file.",
        subcommands = {KeyAddCommand.class, KeyListCommand.class, KeyRemoveCommand.class})
final class KeyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: add, list or remove");
    }
}
