package dev.cairn.agent.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code cairn train} (hidden): a representative workload the launcher runs once after each build with
 * {@code -XX:AOTCacheOutput}, so the JVM's ahead-of-time cache holds cairn's classes and method profiles and later runs start
 * and warm up faster (JEP 483/515). Works in a temporary directory with the real KDF; touches nothing else, except that
 * {@link HttpTraining} sends a server repository's requests to a throwaway loopback HTTP server.
 */
@Command(name = "train", hidden = true, description = "Exercise cairn once to build the JVM's ahead-of-time cache (used by ./cairn).")
final class TrainCommand extends BaseCommand {
    /**
     * The daemon's own workload, for its own cache ({@code ./cairn daemon} uses {@code cairn-daemon.aot}): a JVM preloads
     * every class of its cache, so the CLI's cache (restore, check, mount, the HTTP client...) would keep about 5 MiB of
     * classes the daemon never uses resident for as long as it idles (docs/daemon.md "Memory").
     */
    @picocli.CommandLine.Option(names = "--daemon", description = "train what the daemon does: a set's first and a no-change run")
    boolean daemon;

    /**
     * The short commands' own workload, for their own cache ({@code ./cairn snapshots} and the like use
     * {@code cairn-short.aot}, ADR 55): the repository they read is made by another process, so that none of backup's,
     * restore's or check's classes enter the cache (a JVM maps and preloads all of it: about 9 MiB of resident memory and
     * some start-up CPU a listing never uses).
     */
    @picocli.CommandLine.Option(names = "--short", description = "train what the short commands do on a local repository (snapshots, ls, find, stats)")
    boolean shortCommands;

    @Override
    protected int execute() throws Exception {
        Path dir = Files.createTempDirectory("cairn-train");
        try {
            if (shortCommands) {
                return ShortTraining.run(dir, context());
            }
            Path source = sampleTree(dir.resolve("source"));
            String repo = dir.resolve("repo").toString();
            Map<String, String> env = new HashMap<>(context().env());
            env.put(CliContext.PASSWORD_ENV, "cairn-train");
            env.remove(CliContext.TEST_KDF_ENV);
            env.put(CliContext.CACHE_ENV, dir.resolve("cache").toString()); // the throwaway repositories' caches go with them
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            if (daemon) {
                return trainDaemon(dir, source, repo, env, quiet);
            }
            for (String[] args : new String[][] {{"init"}, {"backup", source.toString()}, {"backup", source.toString()},
                    {"snapshots"}, {"ls", "latest"}, {"restore", "latest", "--verify", "--target", dir.resolve("out").toString()},
                    {"check", "--read-data"}, {"stats"}}) {
                String[] full = new String[args.length + 3];
                full[0] = "-q";
                full[1] = "-r";
                full[2] = repo;
                System.arraycopy(args, 0, full, 3, args.length);
                int code = Cli.run(full, env, quiet, quiet);
                if (code != ExitCodes.OK) {
                    context().err().println("train: 'cairn " + String.join(" ", args) + "' exited " + code);
                    return code;
                }
            }
            try {
                HttpTraining.run();
            } catch (IOException | RuntimeException e) {
                // the remote commands' start-up is then just not trained (HttpTrainingTest keeps this path working)
                context().err().println("train: the HTTP client part failed: " + e);
            }
            return ExitCodes.OK;
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * {@code cairn run SET} twice with no daemon running: the daemon's start (config, state, control socket, lock), a set's
     * first backup (the repository opened with the passphrase file) and a no-change one, in this process.
     */
    private int trainDaemon(Path dir, Path source, String repo, Map<String, String> env, PrintStream quiet) throws IOException {
        Path password = Files.writeString(dir.resolve("password"), "cairn-train\n");
        Path config = Files.writeString(dir.resolve("daemon.yaml"), "state-dir: " + dir.resolve("state") + "\nsets:\n  train:\n"
                + "    repository: " + repo + "\n    password-file: " + password + "\n    sources: [" + source + "]\n"
                + "    keep: {last: 1}\n    schedule: \"0 0 1 1 *\"\n");
        for (String[] args : new String[][] {{"-q", "-r", repo, "init"}, {"-q", "run", "train", "--config", config.toString()},
                {"-q", "run", "train", "--config", config.toString()}}) {
            int code = Cli.run(args, env, quiet, quiet);
            if (code != ExitCodes.OK) {
                context().err().println("train: 'cairn " + String.join(" ", args) + "' exited " + code);
                return code;
            }
        }
        return ExitCodes.OK;
    }

    /** ~40 MiB: text (compressible), random (not), duplicates and many small files: every hot path of backup and restore. */
    private static Path sampleTree(Path root) throws IOException {
        Random random = new Random(25);
        byte[] noise = new byte[8 << 20];
        random.nextBytes(noise);
        Files.createDirectories(root.resolve("small"));
        Files.write(root.resolve("random.bin"), noise);
        Files.write(root.resolve("copy.bin"), noise);
        StringBuilder text = new StringBuilder();
        while (text.length() < 12 << 20) {
            text.append("2026-11-23T18:00:00Z INFO request ").append(random.nextInt(100000)).append(" served in ")
                    .append(random.nextInt(900)).append(" ms\n");
        }
        Files.writeString(root.resolve("app.log"), text);
        for (int i = 0; i < 2000; i++) {
            Files.writeString(root.resolve("small").resolve("f" + i + ".txt"), "file " + i + " " + text.substring(i, i + 1 + i % 3000));
        }
        return root;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
