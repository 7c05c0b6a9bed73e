package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.check.CheckListener;
import dev.cairn.engine.check.CheckOptions;
import dev.cairn.engine.check.CheckResult;
import dev.cairn.engine.check.Checker;
import dev.cairn.engine.check.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn check}: verifies the repository's structure, and optionally its data. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the repository: index, packs, snapshots and trees; with --read-data also every stored byte.",
                "Exit code 13 when errors are found; each finding names the damaged object and the snapshots affected."})
final class CheckCommand extends BaseCommand {
    @Option(names = "--read-data", description = "read and verify all data")
    boolean readData;

    @Option(names = "--read-data-subset", paramLabel = "SUBSET", description = "read and verify a part of the data: n/t (e.g. 1/5) or p% (e.g. 10%)")
    String subset;

    @Override
    protected int execute() throws Exception {
        CheckOptions options = new CheckOptions(readData || subset != null, subset == null ? null : CheckOptions.parseSubset(subset));
        try (OpenRepository open = openRepository()) {
            CheckResult result = Checker.create(open.repo(), options, new CheckListener() {
            }).run();
            for (Finding f : result.findings()) {
                output().result(line(f));
            }
            long errors = result.findings().stream().filter(f -> f.severity().name().equals("ERROR")).count();
            output().info(result.ok() ? "no errors were found" : Formats.count(errors, "error", "errors")
                    + " found; 'cairn check --help' and docs/cli.md say what to do next");
            output().json(JsonOutput.object("ok", result.ok(), "error_count", errors, "findings", result.findings()));
            return result.ok() ? ExitCodes.OK : ExitCodes.DAMAGED;
        }
    }

    private static String line(Finding f) {
        String affected = f.affectedSnapshots() == null || f.affectedSnapshots().isEmpty() ? ""
                : " (affects snapshots " + String.join(", ", f.affectedSnapshots().stream().map(s -> s.length() > 8 ? s.substring(0, 8) : s).toList()) + ")";
        return f.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.object() + ": " + f.message() + affected;
    }
}
