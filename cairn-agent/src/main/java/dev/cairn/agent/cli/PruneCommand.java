package dev.cairn.agent.cli;

import dev.cairn.agent.ui.PruneProgress;
import dev.cairn.engine.prune.PruneOptions;
import dev.cairn.engine.prune.Pruner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn prune}: removes data no snapshot needs. */
@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Remove data that no snapshot needs: delete packs nothing uses, repack partly used packs when the "
                + "unused data exceeds --max-unused.", "Takes an exclusive lock: no backup runs meanwhile."})
final class PruneCommand extends BaseCommand {
    @Mixin
    PruneFlags flags;

    @Mixin
    LockOptions lock;

    @Option(names = {"-n", "--dry-run"}, description = "only say what would be removed and repacked")
    boolean dryRun;

    @Override
    protected int execute() throws Exception {
        PruneOptions options = flags.options(spec, dryRun, lock);
        try (OpenRepository open = openRepository()) {
            return run(open, options, output());
        }
    }

    /** Prunes an open repository and reports; also what {@code forget --prune} runs. */
    static int run(OpenRepository open, PruneOptions options, dev.cairn.agent.ui.Output out) throws java.io.IOException {
        Pruner.Result result;
        try (PruneProgress progress = new PruneProgress(out, options.dryRun())) {
            result = new Pruner(open.repo(), progress).run(options);
            progress.report(result);
        }
        return ExitCodes.OK;
    }
}
