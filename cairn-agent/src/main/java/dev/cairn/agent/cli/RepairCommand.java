package dev.cairn.agent.cli;

import picocli.CommandLine.Command;

/** {@code cairn repair}: the group of repair commands (restic's {@code repair index}). */
@Command(name = "repair", mixinStandardHelpOptions = true, subcommands = RepairIndexCommand.class,
        description = "Repair damage that 'cairn check' reports. Never deletes data.")
final class RepairCommand extends BaseCommand {
    @Override
    protected int execute() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: 'cairn repair index'");
    }
}
