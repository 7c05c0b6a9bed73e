package dev.cairn.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cairn export keygen|pull|verify}: the onsite copy of a cairn server's workspace (issue 15). */
@Command(name = "export", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(keygen | pull | verify | restore)",
        description = "Keep an onsite copy of your hosted workspace: make a key, pull the server's encrypted exports, "
                + "check a copy offline.",
        subcommands = {ExportKeygenCommand.class, ExportPullCommand.class, ExportVerifyCommand.class,
            ExportRestoreCommand.class})
final class ExportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: keygen, pull, verify or restore");
    }
}
