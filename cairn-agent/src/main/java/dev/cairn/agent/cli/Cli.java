package dev.cairn.agent.cli;

import java.io.Console;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** The composition root of the CLI: builds the command tree for one invocation and runs it. */
public final class Cli {
    private Cli() {
    }

    /**
     * Runs {@code cairn} with {@code args}, reading variables from {@code env} and printing to {@code out} and {@code err};
     * returns the exit code (see {@link ExitCodes}). Never calls {@code System.exit}, so tests run it in-process.
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, System.in, out, err);
    }

    /** As {@link #run(String[], Map, PrintStream, PrintStream)}, reading standard input ({@code --password-stdin}) from {@code in}. */
    public static int run(String[] args, Map<String, String> env, java.io.InputStream in, PrintStream out, PrintStream err) {
        if (opensRepository(args)) {
            dev.cairn.engine.warmup.Warmup.startOnce();
            dev.cairn.client.HttpWarmup.startOnce(repositoryArgument(args, env));
        }
        try {
            return commandLine(new CliContext(env, in, out, err, terminal()), subcommandNamed(args)).execute(args);
        } catch (OutOfMemoryError e) {
            err.println("error: " + ExitCodes.OUT_OF_MEMORY);
            return ExitCodes.FATAL;
        }
    }

    /** Whether the command will open a repository (all but version and help), so preparing for that pays off. */
    private static boolean opensRepository(String[] args) {
        return args.length > 0 && !java.util.Set.of("version", "--version", "-V", "help", "--help", "-h", "login", "logout").contains(args[0]);
    }

    /** The repository location as the command will see it ({@code -r}, {@code --repo}, then the variable), or null. */
    static String repositoryArgument(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("-r") || args[i].equals("--repo")) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--repo=")) {
                return args[i].substring("--repo=".length());
            }
        }
        return env.get(CliContext.REPOSITORY_ENV);
    }

    /**
     * The subcommand {@code args} name: the first word that is neither an option nor a global option's value, if it is the
     * name of a subcommand; else null (then every subcommand is registered, and picocli reports what is wrong).
     */
    static Class<?> subcommandNamed(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (CairnCommand.VALUED_OPTIONS.contains(args[i]) || args[i].matches("-[a-zA-Z]+r")) { // also -qr LOCATION
                i++;
            } else if (!args[i].startsWith("-")) {
                for (Class<?> type : CairnCommand.SUBCOMMANDS) {
                    if (type.getAnnotation(CommandLine.Command.class).name().equals(args[i])) {
                        return type;
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** The whole command tree. */
    static CommandLine commandLine(CliContext context) {
        return commandLine(context, null);
    }

    /** The command tree with only subcommand {@code only}, or with all of them if it is null. */
    static CommandLine commandLine(CliContext context, Class<?> only) {
        CommandLine cmd = new CommandLine(new CairnCommand(context));
        for (Class<?> type : CairnCommand.SUBCOMMANDS) {
            if (only == null || type == only) {
                cmd.addSubcommand(type);
            }
        }
        cmd.setOut(new PrintWriter(context.out(), true));
        cmd.setErr(new PrintWriter(context.err(), true));
        ErrorHandler handler = new ErrorHandler();
        cmd.setExecutionExceptionHandler(handler);
        cmd.setParameterExceptionHandler(handler);
        documentExitCodes(cmd);
        return cmd;
    }

    private static void documentExitCodes(CommandLine cmd) {
        Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (String entry : ExitCodes.HELP) {
            int colon = entry.indexOf(':');
            codes.put(String.format("%3s", entry.substring(0, colon)), entry.substring(colon + 1));
        }
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cmd.getSubcommands().values().forEach(Cli::documentExitCodes);
    }

    /** The console, only when both stdin and stdout are a terminal (Java 22+ returns a console for pipes too). */
    private static Console terminal() {
        Console console = System.console();
        return console != null && console.isTerminal() ? console : null;
    }
}
