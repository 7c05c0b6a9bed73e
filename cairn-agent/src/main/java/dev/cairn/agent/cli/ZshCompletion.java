package dev.cairn.agent.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A native zsh completion script ({@code #compdef}) from picocli's command model: one function per command, built on
 * {@code _arguments} and {@code _describe}, so zsh shows each subcommand's and option's description, completes file names
 * for options and arguments that take a file, the values of enum options, and nothing for free text.
 */
final class ZshCompletion {
    /** A full stop that ends a sentence (not the one in "e.g. a"): followed by a capital. */
    private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("\\.\\s+(?=[A-Z])");

    private ZshCompletion() {
    }

    /** The script for the command tree {@code root} (its name is the completed command). */
    static String script(CommandLine root) {
        String name = root.getCommandName();
        StringBuilder out = new StringBuilder("#compdef ").append(name).append('\n')
                .append("# zsh completion for ").append(name).append(", written by '").append(name)
                .append(" generate --zsh-completion'.\n# Put this file as _").append(name)
                .append(" in a directory on $fpath before compinit runs, or source it after compinit.\n\n");
        appendFunction(root, out);
        out.append("if [ \"$funcstack[1]\" = \"_").append(name).append("\" ]; then\n  _").append(name).append(" \"$@\"\nelse\n")
                .append("  compdef _").append(name).append(' ').append(name).append("\nfi\n");
        return out.toString();
    }

    private static void appendFunction(CommandLine command, StringBuilder out) {
        CommandSpec spec = command.getCommandSpec();
        List<CommandLine> subs = subcommands(command);
        out.append(function(spec)).append("() {\n");
        if (subs.isEmpty()) {
            out.append("  _arguments -s -S");
            appendOptions(spec, out);
            appendPositionals(spec, out);
            out.append('\n');
        } else {
            out.append("  local curcontext=\"$curcontext\" state line\n  typeset -A opt_args\n  _arguments -C -s -S");
            appendOptions(spec, out);
            out.append(" \\\n    '1: :->command' \\\n    '*:: :->argument'\n");
            out.append("  case $state in\n    command)\n      local -a commands\n      commands=(\n");
            for (CommandLine sub : subs) {
                out.append("        ").append(quote(describe(sub.getCommandName()) + ":" + summary(sub.getCommandSpec()))).append('\n');
            }
            out.append("      )\n      _describe -t commands ").append(quote(spec.qualifiedName(" ") + " command"))
                    .append(" commands ;;\n    argument)\n      case $line[1] in\n");
            for (CommandLine sub : subs) {
                out.append("        ").append(String.join("|", names(sub))).append(") ").append(function(sub.getCommandSpec()))
                        .append(" ;;\n");
            }
            out.append("      esac ;;\n  esac\n");
        }
        out.append("}\n\n");
        for (CommandLine sub : subs) {
            appendFunction(sub, out);
        }
    }

    private static List<CommandLine> subcommands(CommandLine command) {
        Set<CommandLine> distinct = new LinkedHashSet<>(command.getSubcommands().values());
        return distinct.stream().filter(c -> !c.getCommandSpec().usageMessage().hidden()).toList();
    }

    private static List<String> names(CommandLine sub) {
        List<String> names = new ArrayList<>(List.of(sub.getCommandName()));
        names.addAll(List.of(sub.getCommandSpec().aliases()));
        return names;
    }

    private static void appendOptions(CommandSpec spec, StringBuilder out) {
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            String exclusive = o.isMultiValue() ? "*" : o.names().length > 1 ? "(" + String.join(" ", o.names()) + ")" : "";
            for (String n : o.names()) {
                String takes = o.arity().max() == 0 ? "" : n.startsWith("--") ? "=" : "+";
                String spec1 = exclusive + n + takes + "[" + bracketed(summary(o.description())) + "]"
                        + (o.arity().max() == 0 ? "" : ":" + label(o.paramLabel()) + ":" + action(o));
                out.append(" \\\n    ").append(quote(spec1));
            }
        }
    }

    private static void appendPositionals(CommandSpec spec, StringBuilder out) {
        int position = 1;
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden()) {
                continue;
            }
            String where = p.isMultiValue() ? "*" : String.valueOf(position++);
            out.append(" \\\n    ").append(quote(where + ":" + label(p.paramLabel()) + ":" + action(p)));
        }
    }

    /** File names for file-typed values, the choices of an enum or of completion candidates, else nothing. */
    private static String action(ArgSpec arg) {
        Class<?> type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
        if (type == Path.class || type == File.class) {
            return "_files";
        }
        if (arg.completionCandidates() != null) {
            List<String> values = new ArrayList<>();
            arg.completionCandidates().forEach(v -> values.add(v.replace(" ", "\\ ")));
            return values.isEmpty() ? " " : "(" + String.join(" ", values) + ")";
        }
        return " ";
    }

    private static String function(CommandSpec spec) {
        return "_" + spec.qualifiedName("_").replace('-', '_');
    }

    private static String summary(CommandSpec spec) {
        return summary(spec.usageMessage().description());
    }

    /** The first sentence of the first description line, without picocli's markup. */
    private static String summary(String[] description) {
        if (description == null || description.length == 0) {
            return "";
        }
        String line = description[0].replace("%n", " ").replace("%%", "%").replaceAll("@\\|\\S+ ([^|]*)\\|@", "$1")
                .replace("${DEFAULT-VALUE}", "").strip();
        java.util.regex.Matcher stop = SENTENCE_END.matcher(line);
        return stop.find() ? line.substring(0, stop.start()) : line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private static String label(String paramLabel) {
        return paramLabel.replace("<", "").replace(">", "").replace(":", "\\:").toLowerCase(Locale.ROOT);
    }

    private static String describe(String commandName) {
        return commandName.replace(":", "\\:");
    }

    /** Escapes what _arguments reads specially inside a description's brackets. */
    private static String bracketed(String text) {
        return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    /** Single-quotes a word for zsh. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
