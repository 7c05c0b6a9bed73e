package dev.cairn.agent.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cairn train --short}: the workload of the short commands' ahead-of-time cache (ADR 55). A child JVM (this
 * java, this class path) makes a small repository with one snapshot; this JVM then only reads it the way
 * {@code snapshots}, {@code ls}, {@code find} and {@code stats} do on a local repository, so the cache holds their classes
 * and profiles and none of backup's, nor the HTTP client's (the launcher gives a server repository's commands the full
 * cache, which has them).
 */
final class ShortTraining {
    private static final String PASSWORD = "cairn-train";

    private ShortTraining() {
    }

    /** Trains in {@code dir} (deleted by the caller); returns the exit code. */
    static int run(Path dir, CliContext context) throws IOException, InterruptedException {
        Path source = Files.createDirectories(dir.resolve("source/docs"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(source.resolve("note-" + i + ".txt"), "note " + i + "\n".repeat(i + 1));
        }
        String repo = dir.resolve("repo").toString();
        Map<String, String> env = new HashMap<>(context.env());
        env.put(CliContext.PASSWORD_ENV, PASSWORD);
        env.put(CliContext.CACHE_ENV, dir.resolve("cache").toString());
        env.remove(CliContext.TEST_KDF_ENV); // the real key derivation, as every real repository has
        for (String[] args : new String[][] {{"init"}, {"backup", source.toString()}}) {
            int code = child(env, dir, repo, args);
            if (code != ExitCodes.OK) {
                context.err().println("train: the child 'cairn " + String.join(" ", args) + "' exited " + code);
                return code;
            }
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        for (String[] args : new String[][] {{"snapshots"}, {"snapshots", "--json"}, {"ls", "latest"}, {"find", "note-1*"},
                {"stats"}, {"version"}}) {
            String[] full = withRepo(repo, args);
            int code = Cli.run(full, env, quiet, quiet);
            if (code != ExitCodes.OK) {
                context.err().println("train: 'cairn " + String.join(" ", args) + "' exited " + code);
                return code;
            }
        }
        return ExitCodes.OK; // no HTTP client: the launcher gives commands on a server repository the full cache
    }

    /** Runs {@code cairn -q -r REPO ARGS} in a child JVM with this one's java and class path. */
    private static int child(Map<String, String> env, Path dir, String repo, String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                dev.cairn.agent.AgentMain.class.getName()));
        command.addAll(List.of(withRepo(repo, args)));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb.start().waitFor();
    }

    private static String[] withRepo(String repo, String[] args) {
        String[] full = new String[args.length + 3];
        full[0] = "-q";
        full[1] = "-r";
        full[2] = repo;
        System.arraycopy(args, 0, full, 3, args.length);
        return full;
    }
}
