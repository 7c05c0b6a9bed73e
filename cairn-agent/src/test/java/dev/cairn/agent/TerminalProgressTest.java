package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress display on a real terminal (tmux): what a person sees during a backup and a restore, on a normal and a
 * 40-column terminal, and plain lines when the output is not a terminal. Backups are held at a point of their writes
 * ({@link CrashPointProvider} with a release file), so the screen is read at a known moment, not at a guessed time.
 */
@DisplayName("progress and prompts on a real terminal (tmux)")
class TerminalProgressTest {
    private static final String PASSWORD = "terminal progress";
    private static final int FILES = 16;
    private static final Pattern PERCENT = Pattern.compile("(\\d+)%");

    @TempDir
    Path tmp;
    private Path repo;
    private Path src;

    @BeforeEach
    void repositoryAndTree() throws Exception {
        repo = tmp.resolve("repo");
        new CairnProcesses(tmp, PASSWORD).init(repo); // 64 KiB packs: the held first pack stops reading early
        src = Files.createDirectories(tmp.resolve("src"));
        Random random = new Random(5);
        for (int i = 0; i < FILES; i++) {
            byte[] data = new byte[256 << 10];
            random.nextBytes(data);
            Files.write(src.resolve("f" + i + ".bin"), data);
        }
    }

    @Test
    @DisplayName("mid-backup the line shows percent, bytes of the known total, files of the total and an ETA")
    void backupKnowsItsTotal() throws Exception {
        Path signal = tmp.resolve("held");
        Path release = tmp.resolve("go");
        try (Tmux term = Tmux.run(tmp, 100, 12, env(), cairn("-r '" + CairnProcesses.crashPoint(repo, "data:start:1", signal, release)
                + "' backup " + src))) {
            awaitFile(signal);
            String held = term.await("a progress line with an ETA", s -> s.contains("ETA") && percent(s) < 100);
            assertThat(held).contains("backup ", "/4.0 MiB", "of " + FILES + " files").containsPattern("ETA \\d+:\\d\\d");
            assertThat(percent(held)).isBetween(0, 99);
            Files.createFile(release);
            String end = term.awaitExit();
            assertThat(end).contains("[exit 0]").containsPattern("snapshot [0-9a-f]{8} saved").contains("100%");
        }
    }

    @Test
    @DisplayName("on a 40-column terminal the line fits one row, and it keeps moving while the snapshot is written")
    void narrowTerminalNeverWrapsNorFreezes() throws Exception {
        Path signal = tmp.resolve("held");
        Path release = tmp.resolve("go");
        try (Tmux term = Tmux.run(tmp, 40, 12, env(), cairn("-r '" + CairnProcesses.crashPoint(repo, "snapshots:start:1", signal,
                release) + "' backup " + src))) {
            awaitFile(signal);
            String first = term.await("the finished line", s -> s.contains("100%"));
            String later = term.await("the line moves while the snapshot is written", s -> !s.equals(first));
            for (String screen : List.of(first, later)) {
                assertThat(nonBlank(screen)).as("one row, nothing wrapped:\n" + screen).hasSize(1);
                assertThat(screen).contains("100%", "4.0/4.0 MiB");
            }
            Files.createFile(release);
            String end = term.awaitExit();
            assertThat(end).contains("[exit 0]");
            for (String screen : term.screens()) {
                assertThat(nonBlank(screen).stream().filter(l -> l.contains("%")).count()).as(screen).isLessThanOrEqualTo(1);
            }
            assertThat(term.screenWithEscapes()).doesNotContain("\u001b[3", "\u001b[4", "\u001b[1m");
        }
    }

    @Test
    @DisplayName("NO_COLOR and a pipe give plain lines; restore on the terminal shows its total")
    void plainWhenPipedAndRestoreProgress() throws Exception {
        Path target = tmp.resolve("out");
        Map<String, String> env = env();
        env.put("NO_COLOR", "1");
        try (Tmux term = Tmux.run(tmp, 100, 20, env, cairn("backup " + src) + " 2>&1 | cat\n" + cairn("restore latest --target "
                + target))) {
            String end = term.awaitExit();
            assertThat(end).contains("[exit 0]").containsPattern("snapshot [0-9a-f]{8} saved");
            List<String> lines = nonBlank(end);
            int saved = indexOf(lines, "saved");
            assertThat(lines.subList(0, saved + 1)).as("no progress line when piped:\n" + end).noneMatch(l -> l.contains("%"));
            assertThat(lines.subList(saved + 1, lines.size())).anyMatch(l -> l.startsWith("restore 100%") && l.contains("4.0/4.0 MiB")
                    && l.contains(FILES + "/" + FILES + " files"));
            assertThat(term.screenWithEscapes()).doesNotContain("\u001b[3", "\u001b[4", "\u001b[1m");
            assertThat(Files.size(target.resolve(src.getRoot().relativize(src)).resolve("f0.bin"))).isEqualTo(256 << 10);
        }
    }

    @Test
    @DisplayName("a wrong passphrase typed at the prompt is not echoed, exits 11 and does not mention CAIRN_PASSWORD")
    void wrongPassphraseAtThePrompt() throws Exception {
        Map<String, String> env = env();
        env.remove("CAIRN_PASSWORD");
        try (Tmux term = Tmux.run(tmp, 100, 12, env, "unset CAIRN_PASSWORD\n" + cairn("snapshots"))) {
            term.await("the prompt", s -> s.contains("enter passphrase for the repository:"));
            term.send("not-it", "Enter");
            String end = term.awaitExit();
            assertThat(end).contains("[exit 11]", "error: wrong passphrase", "case-sensitive").doesNotContain("not-it")
                    .doesNotContain("CAIRN_PASSWORD").doesNotContain("key file");
        }
    }

    private Map<String, String> env() {
        return new java.util.HashMap<>(Map.of("CAIRN_REPOSITORY", repo.toString(), "CAIRN_PASSWORD", PASSWORD, "CAIRN_CACHE_DIR",
                tmp.resolve("cache").toString(), "LC_ALL", "C.UTF-8"));
    }

    /** The shell line that runs the agent from the test classpath with {@code args}. */
    private String cairn(String args) {
        return "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' --enable-native-access=ALL-UNNAMED -Djava.io.tmpdir="
                + tmp + " -cp '" + System.getProperty("java.class.path") + "' " + AgentMain.class.getName() + " " + args;
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(file).exists();
    }

    private static int percent(String screen) {
        Matcher m = PERCENT.matcher(screen);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static List<String> nonBlank(String screen) {
        return Arrays.stream(screen.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + text + "' in " + lines);
    }
}
