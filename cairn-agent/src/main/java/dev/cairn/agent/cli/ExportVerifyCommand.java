package dev.cairn.agent.cli;

import dev.cairn.agent.export.CopyCheck;
import dev.cairn.agent.export.ExportFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn export verify DIR}: checks a copy offline (signature by the pinned key, every file's size and SHA-256). */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a copy offline: the signature and every file's checksum. DIR is a copy directory or one "
                + "export in it.")
final class ExportVerifyCommand extends BaseCommand {
    @Parameters(paramLabel = "DIR", description = "the copy directory, or one export's directory")
    Path dir;

    @Option(names = "--key", paramLabel = "KEY", description = "the server's signing key (default: the one pinned by pull)")
    String key;

    @Override
    protected int execute() throws IOException {
        Map<Path, List<String>> checked;
        try {
            checked = CopyCheck.check(dir, key);
        } catch (ExportFailure f) {
            return ExportExits.report(context(), f);
        }
        boolean intact = checked.values().stream().allMatch(List::isEmpty);
        output().json(checked.entrySet().stream().map(e -> Map.of("export", e.getKey().toString(),
                "problems", e.getValue())).toList());
        if (!output().json()) {
            checked.forEach((p, problems) -> {
                output().result(p + ": " + (problems.isEmpty() ? "intact" : "DAMAGED"));
                problems.forEach(problem -> output().result("  " + problem));
            });
        }
        return intact ? ExitCodes.OK : ExitCodes.DAMAGED;
    }
}
