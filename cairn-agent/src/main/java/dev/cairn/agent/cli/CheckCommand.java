package dev.cairn.agent.cli;

import dev.cairn.agent.ui.CheckProgress;
import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.check.CheckOptions;
import dev.cairn.engine.check.CheckResult;
import dev.cairn.engine.check.Checker;
import dev.cairn.engine.check.ReadDataSubset;
import dev.cairn.engine.check.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code cairn check}: verifies the repository's structure, and optionally its data. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the repository: index, pack headers, snapshots and trees; with --read-data also every stored byte.",
                "Exit code 13 when errors are found; each finding names the damaged object and the snapshots it affects."})
final class CheckCommand extends BaseCommand {
    @Option(names = "--read-data", description = "read and verify all data")
    boolean readData;

    @Option(names = "--read-data-subset", paramLabel = "SUBSET",
            description = "read and verify a part of the data: a percentage of packs (10%%) or group n of m (1/5)")
    String subset;

    @Override
    protected int execute() throws Exception {
        CheckOptions options = new CheckOptions(readData || subset != null, packs());
        try (OpenRepository open = openRepositoryForReading()) {
            CheckResult result;
            try (CheckProgress progress = new CheckProgress(output())) {
                result = Checker.create(open.repo(), options, progress).run();
            }
            report(result, options);
            return result.ok() ? ExitCodes.OK : ExitCodes.DAMAGED;
        }
    }

    private ReadDataSubset packs() {
        try {
            return subset == null ? ReadDataSubset.ALL : CheckOptions.parseSubset(subset);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, subset);
        }
    }

    private void report(CheckResult r, CheckOptions options) {
        long errors = r.count(Severity.ERROR);
        // the same three counts with and without --read-data(-subset); what was read is a separate line
        output().info("checked " + Formats.count(r.snapshotsChecked(), "snapshot", "snapshots") + ", "
                + Formats.count(r.packsChecked(), "pack", "packs") + ", " + Formats.count(r.treesChecked(), "tree", "trees"));
        if (options.readData()) {
            output().info("read the data of " + r.packsRead() + " of " + Formats.count(r.packsChecked(), "pack", "packs") + " ("
                    + Formats.count(r.blobsChecked() - r.treesChecked(), "blob", "blobs") + ", " + Formats.bytes(r.bytesRead()) + ")");
        }
        output().info(r.ok() ? "no errors were found"
                : Formats.count(errors, "error", "errors") + " found: the snapshots named above cannot be fully restored;"
                        + " see docs/cli.md (check) for what to do");
        output().json(JsonOutput.object("ok", r.ok(), "error_count", errors, "warning_count", r.count(Severity.WARNING),
                "snapshots_checked", r.snapshotsChecked(), "packs_checked", r.packsChecked(), "blobs_checked", r.blobsChecked(),
                "trees_checked", r.treesChecked(), "packs_read", r.packsRead(), "bytes_read", r.bytesRead(), "findings", r.findings()));
    }
}
