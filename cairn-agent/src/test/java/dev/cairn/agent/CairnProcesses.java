package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.Repositories;
import dev.cairn.engine.repo.Repository;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real {@code cairn} child processes on a local repository under a test's temp directory (for tests that kill them or run
 * them side by side): each writes its output to its own log, and waits are bounded conditions, never timed assertions.
 */
final class CairnProcesses {
    static final int PACK_SIZE = 64 << 10;
    private static final Duration ARRIVAL = Duration.ofSeconds(120);
    private final Path tmp;
    private final String password;
    private int logs;

    CairnProcesses(Path tmp, String password) {
        this.tmp = tmp;
        this.password = password;
    }

    /** Creates a local repository with 64 KiB packs (many packs from little data) at {@code repo}. */
    void init(Path repo) throws IOException {
        try (LocalBlobStore store = LocalBlobStore.create(repo);
             Repository r = Repositories.init(store, password.toCharArray(), Repositories.InitOptions.defaults()
                     .withKdf(KdfParams.TEST).withPackSize(PACK_SIZE), Environment.system())) {
            assertThat(r.config().packSize()).isEqualTo(PACK_SIZE);
        }
    }

    /** A location whose store stops at {@code point} ({@link CrashPointProvider}) and, if {@code release} is given, goes on once it exists. */
    static String crashPoint(Path repo, String point, Path signal, Path release) {
        return "crashpoint:" + repo.toUri().getRawPath() + "?point=" + point + "&signal=" + encode(signal)
                + (release == null ? "" : "&release=" + encode(release));
    }

    /** A location that logs every put to {@code log} ({@link MeteredStoreProvider}). */
    static String metered(Path repo, Path log) {
        return "metered:" + repo.toUri().getRawPath() + "?log=" + encode(log);
    }

    /** Starts {@code cairn ARGS} on {@code repository}; its output goes to the log it returns. */
    Started start(String repository, Path cache, String... args) throws IOException {
        Path log = tmp.resolve("cairn-" + (++logs) + "-" + args[0] + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only: these runs last about a second, and C2's compile threads cost a fifth of it on two cores
                "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"),
                AgentMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("CAIRN_REPOSITORY", repository);
        pb.environment().put("CAIRN_PASSWORD", password);
        pb.environment().put("CAIRN_CACHE_DIR", cache.toString()); // never the user's ~/.cache
        pb.environment().put("LC_ALL", "C.UTF-8");
        return new Started(pb.start(), log);
    }

    /** Runs {@code cairn ARGS} to its end; returns its exit code and output. */
    Finished run(String repository, Path cache, String... args) throws IOException, InterruptedException {
        return start(repository, cache, args).finish();
    }

    /** A running child process and its log. */
    record Started(Process process, Path log) {
        String output() throws IOException {
            return Files.exists(log) ? Files.readString(log) : "";
        }

        /** Waits (bounded) until {@code condition} holds while the process runs; fails with the log if it never does. */
        void await(String what, BooleanSupplier condition) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + ARRIVAL.toNanos();
            while (!condition.getAsBoolean() && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(condition.getAsBoolean()).as("%s (alive: %s; log: %s)", what, process.isAlive(), output()).isTrue();
        }

        /** Waits (bounded) until the log contains {@code text}. */
        void awaitOutput(String text) throws IOException, InterruptedException {
            await("output shows '" + text + "'", () -> {
                try {
                    return output().contains(text);
                } catch (IOException e) {
                    return false;
                }
            });
        }

        Finished finish() throws IOException, InterruptedException {
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("cairn finished (log: %s)", log).isTrue();
            return new Finished(process.exitValue(), output());
        }

        /** SIGKILL, and waits until it is gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed cairn exited").isTrue();
        }
    }

    /** A finished child process. */
    record Finished(int code, String output) {
    }

    private static String encode(Path path) {
        return URLEncoder.encode(path.toString(), StandardCharsets.UTF_8);
    }
}
