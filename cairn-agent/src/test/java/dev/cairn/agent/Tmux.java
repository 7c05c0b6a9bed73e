package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testkit.DebianPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal for a test: a tmux server of its own (its own socket, so nothing else's tmux is touched) running one
 * shell script in a window of a given size. The screen is read with {@code capture-pane}; waits are bounded conditions.
 * The script ends by printing {@code [exit N]} and staying, so its last screen can be read. Closing kills this server.
 */
public final class Tmux implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final String socket;
    private final List<String> screens = new ArrayList<>();

    private Tmux(String socket) {
        this.socket = socket;
    }

    /**
     * Runs {@code script} (bash) in a {@code columns} × {@code rows} terminal, with {@code env} added to the environment.
     * Installs Debian's tmux first when it is missing.
     */
    public static Tmux run(Path dir, int columns, int rows, Map<String, String> env, String script) throws Exception {
        DebianPackages.ensure("tmux", "tmux");
        Path file = dir.resolve("tmux-" + System.nanoTime() + ".sh");
        StringBuilder text = new StringBuilder();
        env.forEach((k, v) -> text.append("export ").append(k).append("='").append(v.replace("'", "'\\''")).append("'\n"));
        text.append(script).append("\necho \"[exit $?]\"\nexec sleep 600\n");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Tmux tmux = new Tmux("cairn-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        tmux.tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", String.valueOf(columns), "-y", String.valueOf(rows),
                "bash " + file);
        return tmux;
    }

    /** The visible screen now, lines without trailing blanks. */
    public String screen() throws IOException, InterruptedException {
        String s = tmux("capture-pane", "-p", "-t", "t");
        screens.add(s);
        return s;
    }

    /** The screen with its escape sequences (colours, attributes), as {@code capture-pane -e} gives it. */
    public String screenWithEscapes() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-e", "-t", "t");
    }

    /** Every screen read so far, in order. */
    public List<String> screens() {
        return List.copyOf(screens);
    }

    /** Types {@code keys} (tmux key names, e.g. {@code "Tab"}, or literal text). */
    public void send(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "t"));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Waits (bounded) until the screen satisfies {@code condition}; returns that screen, or fails showing the last one. */
    public String await(String what, Predicate<String> condition) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String s = screen();
        while (!condition.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(40);
            s = screen();
        }
        assertThat(condition.test(s)).as("%s; the screen:\n%s\n(screens before: %s)", what, s,
                screens.subList(Math.max(0, screens.size() - 4), screens.size())).isTrue();
        return s;
    }

    /** Waits until the script has ended; returns the last screen. */
    public String awaitExit() throws IOException, InterruptedException {
        return await("the command ended", s -> s.contains("[exit "));
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("tmux %s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    }
}
