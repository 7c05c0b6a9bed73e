package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.engine.stats.RepositoryStats;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code cairn stats}: sizes and ratios of the whole repository. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show how big the snapshots are, how much is stored, and how much deduplication and compression saved.")
final class StatsCommand extends BaseCommand {

    @Override
    protected int execute() throws Exception {
        try (OpenRepository open = openRepositoryForReading()) {
            RepositoryStats s = RepositoryStats.compute(open.repo());
            output().json(s);
            row("Snapshots:", String.valueOf(s.snapshotCount()));
            row("Size of all snapshots:", Formats.bytes(s.totalLogicalBytes()) + " (as if each were restored)");
            row("Size of the latest snapshots:", Formats.bytes(s.latestLogicalBytes()));
            row("Distinct file content:", Formats.bytes(s.uniqueDataBytes()));
            row("Stored size:", Formats.bytes(s.storedBytes()) + " (compressed and encrypted)");
            row("Deduplication saved:", saved(s.totalLogicalBytes(), s.uniqueDataBytes()));
            row("Compression saved:", saved(s.uniquePlaintextBytes(), s.uniqueSealedBytes()));
            return ExitCodes.OK;
        }
    }

    private void row(String label, String value) {
        output().result(String.format("%-30s %s", label, value));
    }

    /** "1.2 MiB (50%)": how much smaller {@code after} is than {@code before}; never negative (then "nothing"). */
    static String saved(long before, long after) {
        long saved = before - after;
        if (saved <= 0 || before == 0) {
            return "nothing";
        }
        return Formats.bytes(saved) + String.format(Locale.ROOT, " (%.0f%%)", 100.0 * saved / before);
    }
}
