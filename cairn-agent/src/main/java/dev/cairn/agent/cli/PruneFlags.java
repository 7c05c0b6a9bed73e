package dev.cairn.agent.cli;

import dev.cairn.engine.prune.ByteLimit;
import dev.cairn.engine.prune.PruneOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --max-unused} and {@code --max-repack-size}, shared by {@code prune} and {@code forget --prune}: a picocli mixin. */
final class PruneFlags {
    @Option(names = "--max-unused", paramLabel = "LIMIT", defaultValue = "5%",
            description = "unused data to tolerate in packs that stay: a percentage (default 5%%), a size like 100M, or 'unlimited'")
    String maxUnused;

    @Option(names = "--max-repack-size", paramLabel = "SIZE",
            description = "copy at most this much still-used data into new packs (e.g. 1G; default: no limit)")
    String maxRepackSize;

    PruneOptions options(CommandSpec spec, boolean dryRun, LockOptions lock) {
        try {
            ByteLimit repack = maxRepackSize == null ? ByteLimit.UNLIMITED : ByteLimit.parse(maxRepackSize, "--max-repack-size", false);
            return PruneOptions.defaults().withMaxUnused(ByteLimit.parse(maxUnused, "--max-unused", true))
                    .withMaxRepackSize(repack).withDryRun(dryRun).withLockWait(lock.lockWait(spec));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, maxUnused);
        }
    }
}
