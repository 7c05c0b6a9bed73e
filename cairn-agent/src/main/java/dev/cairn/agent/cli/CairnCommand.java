package dev.cairn.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The root command. Holds the global options (inherited, so they may come before or after the subcommand name) and the
 * invocation's {@link CliContext}; subcommands reach both through {@link BaseCommand}.
 */
@Command(name = "cairn", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class, sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Encrypted, deduplicating backups.%n",
        subcommands = {InitCommand.class, BackupCommand.class, SnapshotsCommand.class, LsCommand.class, FindCommand.class,
                DiffCommand.class, RestoreCommand.class, CatCommand.class, CheckCommand.class, StatsCommand.class, KeyCommand.class,
                UnlockCommand.class, VersionCommand.class, TrainCommand.class, ExportCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {"  CAIRN_REPOSITORY   repository location when -r/--repo is not given",
                "  CAIRN_PASSWORD     passphrase when --password-file is not given (else: asked)",
                "%nSee docs/cli.md for every command with examples."})
final class CairnCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--repo"}, paramLabel = "LOCATION", scope = ScopeType.INHERIT,
            description = "repository location: a directory or s3://BUCKET/PREFIX?endpoint=URL (default: $CAIRN_REPOSITORY)")
    String repo;

    @Option(names = "--password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "read the passphrase from the first line of FILE (default: $CAIRN_PASSWORD, else ask)")
    java.nio.file.Path passwordFile;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print JSON instead of text")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "print only results and errors, no progress")
    boolean quiet;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print stack traces of errors")
    boolean debug;

    @Option(names = "--limit-upload", paramLabel = "KiB/s", scope = ScopeType.INHERIT,
            description = "limit uploads to the repository to this many KiB per second (default: unlimited)")
    Integer limitUpload;

    @Option(names = "--limit-download", paramLabel = "KiB/s", scope = ScopeType.INHERIT,
            description = "limit downloads from the repository to this many KiB per second (default: unlimited)")
    Integer limitDownload;

    private final CliContext context;

    CairnCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command; 'cairn --help' lists them");
    }
}
