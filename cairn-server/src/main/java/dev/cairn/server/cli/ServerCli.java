package dev.cairn.server.cli;

import dev.cairn.server.error.ServiceException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs {@code cairn server} with the given arguments (those after {@code server}). Exit codes: 0 success, 1 a refused
 * operation (the message says why), 2 bad usage or configuration, 3 an unexpected failure.
 */
public final class ServerCli {
    private ServerCli() {
    }

    /** Runs with the given features plugged in (the composition root's choice), reading passwords from stdin. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
            java.util.List<dev.cairn.server.feature.Feature> features) {
        return run(args, env, System.in, out, err, features);
    }

    /** As {@link #run(String[], Map, PrintStream, PrintStream, java.util.List)}, reading passwords from {@code in}. */
    public static int run(String[] args, Map<String, String> env, java.io.InputStream in, PrintStream out,
            PrintStream err, java.util.List<dev.cairn.server.feature.Feature> features) {
        ServerCommand root = new ServerCommand(env, in, out, features);
        CommandLine cli = new CommandLine(root);
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i) instanceof FeatureCommands contributor) {
                addCommands(cli, contributor.commands(Admin.session(root, i)));
            }
        }
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ServiceException s) {
                err.println("cairn server: " + s.getMessage());
                return 1;
            }
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                err.println("cairn server: " + e.getMessage());
                return 2;
            }
            err.println("cairn server: unexpected failure: " + e);
            e.printStackTrace(err);
            return 3;
        });
        return cli.execute(args);
    }

    private static void addCommands(CommandLine cli, java.util.List<FeatureCommands.Subcommand> commands) {
        for (FeatureCommands.Subcommand c : commands) {
            CommandLine parent = c.parent() == null ? cli : cli.getSubcommands().get(c.parent());
            if (parent == null) {
                throw new IllegalStateException("a feature adds a command under unknown 'cairn server " + c.parent() + "'");
            }
            parent.addSubcommand(c.command());
        }
    }
}
