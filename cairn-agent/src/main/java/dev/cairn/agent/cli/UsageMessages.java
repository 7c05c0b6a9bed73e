package dev.cairn.agent.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Picocli's usage errors in plain words ({@code unknown command 'bakup'}, {@code missing --target DIR}). Stateless. */
final class UsageMessages {
    private static final Pattern UNMATCHED_ONE = Pattern.compile("Unmatched argument at index \\d+: '(.*)'");
    private static final Pattern UNMATCHED_MANY = Pattern.compile("Unmatched arguments from index \\d+: (.*)");
    private static final Pattern UNKNOWN_OPTION = Pattern.compile("Unknown options?: (.*)");
    private static final Pattern MISSING = Pattern.compile("Missing required (?:parameter|option)s?: (.*)");

    private UsageMessages() {
    }

    /** {@code Did you mean: cairn backup?} / {@code Did you mean: --forget?} for a mistyped name, else null. */
    static String suggestion(ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getSuggestions().isEmpty()) {
            return null;
        }
        boolean options = u.getSuggestions().get(0).startsWith("-");
        String prefix = options ? "" : e.getCommandLine().getCommandSpec().qualifiedName() + " ";
        return "Did you mean: " + String.join(" or ", u.getSuggestions().stream().limit(3).map(s -> prefix + s).toList()) + "?";
    }

    /** The message for {@code e}; picocli's own wording when it is not one of the common cases. */
    static String of(ParameterException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        CommandLine cmd = e.getCommandLine();
        Matcher m = UNMATCHED_ONE.matcher(message);
        if (m.matches()) {
            boolean command = !cmd.getSubcommands().isEmpty() && cmd.getCommandSpec().positionalParameters().isEmpty();
            return (command ? "unknown command '" : "unexpected argument '") + m.group(1) + "'";
        }
        m = UNMATCHED_MANY.matcher(message);
        if (m.matches()) {
            return "unexpected arguments: " + m.group(1);
        }
        m = UNKNOWN_OPTION.matcher(message);
        if (m.matches()) {
            return "unknown option " + m.group(1);
        }
        m = MISSING.matcher(message);
        if (m.matches()) {
            return "missing " + m.group(1).replace("'", "").replace("=", " ");
        }
        return message;
    }
}
