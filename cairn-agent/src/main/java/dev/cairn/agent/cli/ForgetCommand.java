package dev.cairn.agent.cli;

import dev.cairn.agent.ui.ForgetReport;
import dev.cairn.engine.forget.Forgetter;
import dev.cairn.engine.forget.RetentionDuration;
import dev.cairn.engine.forget.RetentionPolicy;
import dev.cairn.engine.forget.SnapshotGroups;
import dev.cairn.engine.prune.PruneOptions;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code cairn forget}: removes snapshots by restic's retention rules, optionally followed by a prune. */
@Command(name = "forget", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Remove snapshots that a policy does not keep (restic's rules; see docs/cli.md). Only the snapshot "
                + "objects go; run with --prune, or 'cairn prune' later, to free their data.",
                "A snapshot kept by any rule is kept. Counts take 'unlimited'. Refuses to run without a --keep-* option."})
final class ForgetCommand extends BaseCommand {
    @Option(names = {"-l", "--keep-last"}, paramLabel = "N", description = "keep the newest N snapshots") String last;
    @Option(names = {"-H", "--keep-hourly"}, paramLabel = "N", description = "keep the newest snapshot of each of the newest N hours") String hourly;
    @Option(names = {"-d", "--keep-daily"}, paramLabel = "N", description = "… of the newest N days") String daily;
    @Option(names = {"-w", "--keep-weekly"}, paramLabel = "N", description = "… of the newest N ISO weeks") String weekly;
    @Option(names = {"-m", "--keep-monthly"}, paramLabel = "N", description = "… of the newest N months") String monthly;
    @Option(names = {"-y", "--keep-yearly"}, paramLabel = "N", description = "… of the newest N years") String yearly;
    @Option(names = "--keep-within", paramLabel = "DURATION", description = "keep snapshots within DURATION (e.g. 30d, 1y2m) of the group's newest") String within;
    @Option(names = "--keep-within-hourly", paramLabel = "DURATION", description = "keep hourly snapshots within DURATION") String withinHourly;
    @Option(names = "--keep-within-daily", paramLabel = "DURATION", description = "keep daily snapshots within DURATION") String withinDaily;
    @Option(names = "--keep-within-weekly", paramLabel = "DURATION", description = "keep weekly snapshots within DURATION") String withinWeekly;
    @Option(names = "--keep-within-monthly", paramLabel = "DURATION", description = "keep monthly snapshots within DURATION") String withinMonthly;
    @Option(names = "--keep-within-yearly", paramLabel = "DURATION", description = "keep yearly snapshots within DURATION") String withinYearly;
    @Option(names = "--keep-tag", paramLabel = "TAG[,TAG…]", description = "keep snapshots with all these tags (repeat for alternatives)")
    List<String> keepTags = new ArrayList<>();
    @Option(names = {"-g", "--group-by"}, paramLabel = "FIELDS", defaultValue = "host,paths",
            description = "apply the policy to each group of snapshots with the same host, paths and/or tags (default host,paths)")
    String groupBy;
    @Option(names = {"-n", "--dry-run"}, description = "only show what would be kept and removed, and why") boolean dryRun;
    @Option(names = "--prune", description = "prune afterwards (see 'cairn prune'), under the same options") boolean prune;
    @Mixin SnapshotFilterOptions filter;
    @Mixin PruneFlags pruneFlags;
    @Mixin LockOptions lock;

    @Override
    protected int execute() throws Exception {
        Forgetter.Options options = options();
        PruneOptions pruneOptions = prune ? pruneFlags.options(spec, dryRun, lock) : null;
        try (OpenRepository open = openRepository()) {
            ForgetReport report = new ForgetReport(output());
            Forgetter.Result result = new Forgetter(open.repo(), report).run(options);
            report.finish(dryRun, result.removed());
            return prune ? PruneCommand.run(open, pruneOptions, output()) : ExitCodes.OK;
        }
    }

    private Forgetter.Options options() {
        try {
            RetentionPolicy policy = RetentionPolicy.NONE
                    .withCounts(count(last), count(hourly), count(daily), count(weekly), count(monthly), count(yearly))
                    .withWithin(duration(within), duration(withinHourly), duration(withinDaily), duration(withinWeekly),
                            duration(withinMonthly), duration(withinYearly))
                    .withKeepTags(keepTags.stream().map(t -> Arrays.stream(t.split(",")).map(String::strip)
                            .filter(x -> !x.isEmpty()).toList()).filter(l -> !l.isEmpty()).toList());
            if (policy.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no policy given, so nothing would be kept: give at least one "
                        + "--keep-* option (e.g. --keep-daily 7 --keep-weekly 4)");
            }
            return new Forgetter.Options(policy, SnapshotGroups.parse(groupBy), filter.predicate(), ZoneId.systemDefault(),
                    dryRun, lock.lockWait(spec));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, null);
        }
    }

    private static int count(String n) {
        if (n == null) {
            return 0;
        }
        if (n.strip().equalsIgnoreCase("unlimited")) {
            return RetentionPolicy.ALL;
        }
        try {
            return Integer.parseInt(n.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a --keep-* count is a number or 'unlimited', not '" + n + "'");
        }
    }

    private static RetentionDuration duration(String d) {
        return d == null ? RetentionDuration.ZERO : RetentionDuration.parse(d);
    }
}
