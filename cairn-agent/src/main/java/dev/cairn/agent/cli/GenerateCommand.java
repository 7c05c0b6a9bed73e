package dev.cairn.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code cairn generate}: writes shell completion scripts and man pages, as {@code restic generate} does. Built from the
 * whole command tree (every subcommand), so it is always in step with the options.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write shell completion scripts and man pages.",
                "Load the bash one with 'source FILE' (or put it in /etc/bash_completion.d/); for zsh, save it as _cairn in "
                        + "a directory on $fpath (before compinit runs) or source it after compinit."})
final class GenerateCommand extends BaseCommand {
    @Option(names = "--bash-completion", paramLabel = "FILE", description = "write the bash completion script to FILE")
    Path bash;

    @Option(names = "--zsh-completion", paramLabel = "FILE", description = "write the zsh completion script to FILE")
    Path zsh;

    @Option(names = "--man", paramLabel = "DIR", description = "write one man page per command (cairn.1, cairn-backup.1, …) into DIR")
    Path manDir;

    @Override
    protected int execute() throws IOException {
        if (bash == null && zsh == null && manDir == null) {
            throw new ParameterException(spec.commandLine(), "nothing to generate: give --bash-completion, --zsh-completion or --man");
        }
        CommandLine tree = Cli.commandLine(context());
        if (bash != null) {
            write(bash, bashScript(tree));
        }
        if (zsh != null) {
            write(zsh, ZshCompletion.script(tree));
        }
        if (manDir != null) {
            Files.createDirectories(manDir);
            int pages = ManPages.write(tree, manDir);
            output().info("wrote " + pages + " man pages to " + manDir);
        }
        return ExitCodes.OK;
    }

    private static String bashScript(CommandLine tree) {
        return AutoComplete.bash("cairn", tree);
    }

    private void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        output().info("wrote " + file);
    }
}
