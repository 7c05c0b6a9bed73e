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
        footerHeading = "%nEnvironment:%n",
        footer = {"  CAIRN_REPOSITORY   repository location when -r/--repo is not given",
                "  CAIRN_PASSWORD     passphrase when --password-file is not given (else: asked)",
                "  CAIRN_TOKEN        API token for a server repository when --token-file is not given (else: cairn login's)",
                "%nSee docs/cli.md for every command with examples."})
final class CairnCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. {@link Cli} registers only the one an invocation names (building a
     * command's model is most of picocli's start-up), or all of them when it names none it knows (help, errors).
     */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(InitCommand.class, BackupCommand.class,
            SnapshotsCommand.class, LsCommand.class, FindCommand.class, DiffCommand.class, RestoreCommand.class, CatCommand.class,
            CheckCommand.class, ForgetCommand.class, PruneCommand.class, StatsCommand.class, KeyCommand.class,
            UnlockCommand.class, LoginCommand.class, LogoutCommand.class, VersionCommand.class, TrainCommand.class,
            ExportCommand.class, MountCommand.class, DaemonCommand.class, StatusCommand.class, RunCommand.class,
            GenerateCommand.class, TagCommand.class, CopyCommand.class, RepairCommand.class);
    /** The global options that take a value (the word after them is not the subcommand's name). */
    static final java.util.Set<String> VALUED_OPTIONS = java.util.Set.of("-r", "--repo", "--password-file", "--token-file",
            "--limit-upload", "--limit-download");

    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--repo"}, paramLabel = "LOCATION", scope = ScopeType.INHERIT,
            description = "repository location: a directory,%ns3://BUCKET/PREFIX?endpoint=URL or%nhttps://SERVER[:PORT]/REPO%n"
                    + "(default: $CAIRN_REPOSITORY)")
    String repo;

    @Option(names = "--password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "read the passphrase from the first line of FILE (default: $CAIRN_PASSWORD, else ask)")
    java.nio.file.Path passwordFile;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "for a server repository: read the API token from the first line of FILE (default: $CAIRN_TOKEN, "
                    + "else the token saved by 'cairn login')")
    java.nio.file.Path tokenFile;

    @Option(names = "--insecure-http", scope = ScopeType.INHERIT,
            description = "allow plain http:// to a server that is not on this machine (the token crosses the network unencrypted)")
    boolean insecureHttp;

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
            description = "limit downloads from the repository (and export pull's) to this many KiB per second (default: unlimited)")
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
