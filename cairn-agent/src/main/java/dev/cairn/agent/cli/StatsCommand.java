package dev.cairn.agent.cli;

import dev.cairn.agent.ui.Formats;
import dev.cairn.agent.ui.JsonOutput;
import dev.cairn.engine.stats.RepositoryStats;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code cairn stats}: sizes and ratios of the whole repository. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show repository statistics: snapshots, logical vs stored bytes, deduplication and compression.")
final class StatsCommand extends BaseCommand {

    @Override
    protected int execute() throws Exception {
        try (OpenRepository open = openRepository()) {
            RepositoryStats stats = RepositoryStats.compute(open.repo());
            Map<String, Object> fields = JsonOutput.fields(stats);
            output().json(fields);
            int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
            fields.forEach((k, v) -> output().result(String.format("%-" + width + "s%s", label(k) + ":", value(k, v))));
            return ExitCodes.OK;
        }
    }

    private static String label(String key) {
        String words = key.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String value(String key, Object v) {
        if (v instanceof Number n && (key.contains("bytes") || key.contains("size")) && !(v instanceof Double)) {
            return Formats.bytes(n.longValue());
        }
        if (v instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(v);
    }
}
