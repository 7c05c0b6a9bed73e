package dev.cairn.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process against one repository directory, with test KDF parameters and a passphrase in the environment. */
final class CliHarness {
    static final String PASSPHRASE = "correct horse battery staple";
    private static final ObjectMapper JSON = new ObjectMapper();
    final Path repo;
    final Map<String, String> env = new HashMap<>();

    CliHarness(Path repo) {
        this.repo = repo;
        env.put("CAIRN_TEST_KDF", "1");
        env.put("CAIRN_PASSWORD", PASSPHRASE);
        env.put("CAIRN_REPOSITORY", repo.toString());
        env.put("CAIRN_CACHE_DIR", repo.resolveSibling(repo.getFileName() + "-cache").toString()); // never ~/.cache
    }

    /** A harness whose repository is already initialised. */
    static CliHarness initialised(Path repo) {
        CliHarness cli = new CliHarness(repo);
        cli.ok("init");
        return cli;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Cli.run(args, env, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs and fails unless the exit code is 0. */
    Result ok(String... args) {
        Result r = run(args);
        if (r.code() != 0) {
            throw new AssertionError("cairn " + String.join(" ", args) + " exited " + r.code() + "\nstdout:\n" + r.out() + "\nstderr:\n" + r.err());
        }
        return r;
    }

    /** The id of the snapshot made by a {@code backup --json} run. */
    String backup(String... args) {
        List<String> all = new ArrayList<>(List.of("backup", "--json"));
        all.addAll(List.of(args));
        return ok(all.toArray(String[]::new)).lastJsonLine().get("snapshot_id").asText();
    }

    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not one JSON document:\n" + out, e);
            }
        }

        List<JsonNode> jsonLines() {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    try {
                        lines.add(JSON.readTree(line));
                    } catch (IOException e) {
                        throw new UncheckedIOException("not a JSON line: " + line, e);
                    }
                }
            }
            return lines;
        }

        JsonNode lastJsonLine() {
            List<JsonNode> lines = jsonLines();
            return lines.get(lines.size() - 1);
        }
    }
}
