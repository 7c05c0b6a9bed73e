package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    @DisplayName("the zsh script is the bash one behind bashcompinit; --man writes a page per command that groff reads cleanly")
    void zshAndManPages() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("repo"));
        Path zsh = tmp.resolve("_cairn");
        Path man = tmp.resolve("man");
        String out = cli.ok("generate", "--zsh-completion", zsh.toString(), "--man", man.toString()).out()
                + cli.run("generate", "--zsh-completion", zsh.toString()).err();
        assertThat(Files.readString(zsh)).startsWith("#compdef cairn").contains("bashcompinit", "complete -F _complete_cairn");
        assertThat(man.resolve("cairn.1")).exists();
        assertThat(man.resolve("cairn-key-add.1")).exists();
        String backup = Files.readString(man.resolve("cairn-backup.1"));
        assertThat(backup).contains(".TH \"CAIRN-BACKUP\" 1", ".SH OPTIONS", "\\-\\-exclude\\-if\\-present", ".SH EXIT STATUS");
        Run rendered = new Run(List.of("groff", "-k", "-man", "-Tutf8", "-P-cbou", "-ww", man.resolve("cairn-backup.1").toString()));
        assertThat(rendered.code).isZero();
        assertThat(rendered.output).contains("--exclude-if-present").doesNotContain("warning");
        assertThat(out).doesNotContain("error");
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
