package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.engine.stats.RepositoryStats;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code cairn stats}: sizes and ratios of the whole repository. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show repository statistics: snapshots, logical vs stored bytes, deduplication and compression ratios.")
final class StatsCommand extends BaseCommand {

    @Override
    protected int execute() throws Exception {
        try (OpenRepository open = openRepositoryForReading()) {
            RepositoryStats s = RepositoryStats.compute(open.repo());
            output().json(s);
            row("Snapshots:", String.valueOf(s.snapshotCount()));
            row("Total size (all snapshots):", Formats.bytes(s.totalLogicalBytes()));
            row("Latest snapshots size:", Formats.bytes(s.latestLogicalBytes()));
            row("Unique data:", Formats.bytes(s.uniqueDataBytes()));
            row("Unique data and trees:", Formats.bytes(s.uniquePlaintextBytes()) + " (" + Formats.bytes(s.uniqueSealedBytes()) + " sealed)");
            row("Stored in the repository:", Formats.bytes(s.storedBytes()));
            row("Packs, blobs:", s.packCount() + ", " + s.blobCount());
            row("Deduplication ratio:", String.format(Locale.ROOT, "%.2fx", s.deduplicationRatio()));
            row("Compression ratio:", String.format(Locale.ROOT, "%.2fx", s.compressionRatio()));
            return ExitCodes.OK;
        }
    }

    private void row(String label, String value) {
        output().result(String.format("%-28s %s", label, value));
    }
}
