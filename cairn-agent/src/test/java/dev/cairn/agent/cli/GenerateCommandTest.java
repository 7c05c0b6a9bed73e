package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.cairn.agent.Tmux;
import dev.cairn.testkit.DebianPackages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("cairn generate: completion scripts and man pages")
class GenerateCommandTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("the bash completion script loads in bash and completes subcommands and options")
    void bashCompletionLoads() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("repo"));
        Path script = tmp.resolve("cairn.bash");
        cli.ok("generate", "--bash-completion", script.toString());
        Run loaded = bash("source " + script + "; complete -p cairn");
        assertThat(loaded.code).as(loaded.output).isZero();
        assertThat(loaded.output).contains("complete", "cairn");
        Run completed = bash("source " + script + "; COMP_WORDS=(cairn backup --ex); COMP_CWORD=2; COMP_LINE='cairn backup --ex';"
                + " COMP_POINT=${#COMP_LINE}; _complete_cairn cairn --ex backup; printf '%s\\n' \"${COMPREPLY[@]}\"");
        assertThat(completed.output).contains("--exclude", "--exclude-file", "--exclude-if-present");
    }

    @Test
    @DisplayName("the zsh script is a native #compdef one: zsh loads it, and in a real terminal completes commands and options")
    void zshCompletionInZsh() throws Exception {
        DebianPackages.ensure("zsh", "zsh");
        CliHarness cli = new CliHarness(tmp.resolve("repo"));
        Path functions = Files.createDirectories(tmp.resolve("functions"));
        Path zsh = functions.resolve("_cairn");
        cli.ok("generate", "--zsh-completion", zsh.toString());
        assertThat(Files.readString(zsh)).startsWith("#compdef cairn").contains("_arguments", "_describe").doesNotContain("bashcompinit");
        Run sourced = new Run(List.of("zsh", "-fc", "autoload -U compinit; compinit -u; source " + zsh + "; print -r -- $_comps[cairn]"));
        assertThat(sourced.output.strip()).isEqualTo("_cairn");
        Path home = Files.createDirectories(tmp.resolve("zdot"));
        Files.writeString(home.resolve(".zshrc"), "fpath=(" + functions + " $fpath)\nautoload -U compinit\ncompinit -u\nPS1='$ '\n");
        try (Tmux term = Tmux.run(tmp, 120, 20, java.util.Map.of("ZDOTDIR", home.toString()), "zsh -i")) {
            term.await("zsh prompt", s -> s.contains("$"));
            term.send("cairn rep", "Tab");
            term.await("the command completed", s -> s.contains("cairn repair"));
            term.send("Tab");
            String listed = term.await("subcommands listed with descriptions", s -> s.contains("snapshots"));
            assertThat(listed).contains("index", "packs", "snapshots  -- Rewrite snapshots that reference lost or damaged data");
            term.send("C-u", "cairn backup --exclude-i", "Tab");
            term.await("an option completed", s -> s.contains("cairn backup --exclude-if-present"));
            term.send("C-u", "cairn check --read-data-s", "Tab");
            term.await("an option completed", s -> s.contains("cairn check --read-data-subset"));
        }
    }

    @Test
    @DisplayName("--man writes a page per command that groff reads cleanly; no command's help prints picocli warnings")
    void manPages() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("repo"));
        Path man = tmp.resolve("man");
        CliHarness.Result generated = cli.ok("generate", "--man", man.toString());
        assertThat(man.resolve("cairn.1")).exists();
        assertThat(man.resolve("cairn-key-add.1")).exists();
        assertThat(man.resolve("cairn-repair-snapshots.1")).exists();
        String backup = Files.readString(man.resolve("cairn-backup.1"));
        assertThat(backup).contains(".TH \"CAIRN-BACKUP\" 1", ".SH OPTIONS", "\\-\\-exclude\\-if\\-present", ".SH EXIT STATUS");
        assertThat(Files.readString(man.resolve("cairn-check.1"))).contains("packs (10%)").doesNotContain("%%");
        Run rendered = new Run(List.of("groff", "-k", "-man", "-Tutf8", "-P-cbou", "-ww", man.resolve("cairn-backup.1").toString()));
        assertThat(rendered.code).isZero();
        assertThat(rendered.output).contains("--exclude-if-present").doesNotContain("warning");
        assertThat(generated.err()).doesNotContain("WARN");
        for (String command : List.of("check", "prune", "forget", "backup", "restore")) {
            CliHarness.Result help = cli.run(command, "--help");
            assertThat(help.err() + help.out()).as(command).doesNotContain("picocli WARN").contains("Usage: cairn " + command);
        }
    }

    @Test
    void nothingToGenerateIsAUsageError() {
        CliHarness cli = new CliHarness(tmp.resolve("repo"));
        CliHarness.Result r = cli.run("generate");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--bash-completion");
    }

    private static Run bash(String script) throws IOException, InterruptedException {
        return new Run(List.of("bash", "-c", script));
    }

    /** A finished process: exit code and stdout with stderr. */
    private static final class Run {
        final int code;
        final String output;

        Run(List<String> command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            code = p.waitFor();
        }
    }
}
