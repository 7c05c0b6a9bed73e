package dev.cairn.agent.cli;

import picocli.CommandLine.Command;

/** {@code cairn repair}: the group of repair commands (restic's {@code repair index/packs/snapshots}). */
@Command(name = "repair", mixinStandardHelpOptions = true,
        subcommands = {RepairIndexCommand.class, RepairPacksCommand.class, RepairSnapshotsCommand.class},
        description = {"Repair damage that 'cairn check' reports.",
                "Usual order: 'repair index', then 'repair packs' for damaged packs, then 'repair snapshots'."})
final class RepairCommand extends BaseCommand {
    @Override
    protected int execute() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing command: 'cairn repair index', 'repair packs' or 'repair snapshots'");
    }
}
