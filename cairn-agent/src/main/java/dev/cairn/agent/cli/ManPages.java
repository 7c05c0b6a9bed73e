package dev.cairn.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Writes troff man pages (section 1) from picocli's command model: one page per command, named {@code cairn-SUB-SUB.1}. */
final class ManPages {
    private ManPages() {
    }

    /** Writes the page of {@code command} and of each of its subcommands into {@code dir}; returns how many. */
    static int write(CommandLine command, Path dir) throws IOException {
        CommandSpec spec = command.getCommandSpec();
        Files.writeString(dir.resolve(spec.qualifiedName("-") + ".1"), page(spec), StandardCharsets.UTF_8);
        int pages = 1;
        for (CommandLine sub : command.getSubcommands().values()) {
            pages += write(sub, dir);
        }
        return pages;
    }

    /** The troff text of one command's page. */
    static String page(CommandSpec spec) {
        StringBuilder out = new StringBuilder();
        String name = spec.qualifiedName("-");
        out.append(".TH \"").append(name.toUpperCase(java.util.Locale.ROOT)).append("\" 1 \"\" \"cairn ").append(Version.VERSION)
                .append("\" \"cairn manual\"\n");
        String[] description = spec.usageMessage().description();
        out.append(".SH NAME\n").append(name).append(" \\- ").append(escape(description.length > 0 ? format(description[0]) : ""))
                .append('\n');
        out.append(".SH SYNOPSIS\n").append(escape(new CommandLine.Help(spec).synopsis(0).replaceAll("\\s+", " ").strip())).append('\n');
        out.append(".SH DESCRIPTION\n");
        for (String line : description) {
            out.append(escape(format(line))).append("\n.PP\n");
        }
        appendOptions(spec, out);
        if (!spec.subcommands().isEmpty()) {
            out.append(".SH COMMANDS\n");
            for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
                String[] d = sub.getValue().getCommandSpec().usageMessage().description();
                out.append(".TP\n.B ").append(sub.getKey()).append('\n').append(escape(d.length > 0 ? format(d[0]) : "")).append('\n');
            }
        }
        out.append(".SH EXIT STATUS\n");
        for (String entry : ExitCodes.HELP) {
            int colon = entry.indexOf(':');
            out.append(".TP\n.B ").append(entry, 0, colon).append('\n').append(escape(entry.substring(colon + 1))).append('\n');
        }
        out.append(".SH SEE ALSO\n").append(spec.parent() == null ? "" : escape(spec.root().name()) + "(1), ")
                .append("docs/cli.md in the cairn sources\n");
        return out.toString();
    }

    private static void appendOptions(CommandSpec spec, StringBuilder out) {
        if (!spec.positionalParameters().isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : spec.positionalParameters()) {
                out.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n').append(escape(join(p.description()))).append('\n');
            }
        }
        out.append(".SH OPTIONS\n");
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            out.append(".TP\n.B ").append(escape(String.join(", ", o.names())));
            if (o.arity().max() > 0) {
                out.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
            }
            out.append('\n').append(escape(join(o.description()))).append('\n');
        }
    }

    private static String join(String[] lines) {
        return format(String.join(" ", lines));
    }

    private static String format(String text) {
        return text.replace("%n", " ").replace("%%", "%").strip();
    }

    /** Escapes troff's specials: backslash, and a dot or quote at the start of a line. */
    static String escape(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-");
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }
}
