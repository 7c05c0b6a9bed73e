package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.cli.Cli;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn export keygen|pull|verify} against a real server with the distribution's features: a key made by the
 * agent, registered on the server; an export pulled, checked, decrypted and kept in a dated directory, not pulled twice;
 * a download cut mid-way resumed with Range; a tampered bundle, a wrong identity and a changed signing key refused
 * with nothing kept; an offline check that finds a changed file; a full and an incremental export pulled and verified
 * as a chain, and a missing link said plainly by verify and by pull (which keeps nothing of the broken export); with
 * {@code --into-repo} each export pulled also stored as a snapshot tagged onsite-export in the customer's repository;
 * a full disk (a child process under {@code ulimit -f}) said plainly, nothing kept, and resumed by the next pull.
 */
class ExportPullTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    TestServer server;
    String token;
    Path key;
    Path copy;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir.resolve("server"), c -> c, ServerLauncher.FEATURES);
        server.account("ann");
        token = server.token("ann", TokenScope.FULL);
        key = dir.resolve("key.txt");
        copy = dir.resolve("copy");
        Run keygen = cairn("export", "keygen", "--output", key.toString());
        assertThat(keygen.code()).as(keygen.err()).isZero();
        String recipient = keygen.out().strip();
        assertThat(recipient).startsWith("age1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        post("/api/v1/workspace/export/recipients", "{\"name\":\"office\",\"recipient\":\"" + recipient + "\"}");
        post("/api/v1/workspace/tables", "{\"name\":\"notes\",\"columns\":[{\"name\":\"text\",\"type\":\"text\"}]}");
        post("/api/v1/workspace/tables/notes/records", "{\"text\":\"Grüße, \\\"quoted\\\"\"}");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void pullKeepsEachExportOnceInADatedDirectoryAndVerifyFindsAChangedFile() throws Exception {
        long id = export();
        java.util.Set<Thread> clientsBefore = httpClientThreads();
        Run pull = pull(key);
        assertThat(pull.code()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("trusting the server's signing key");
        // the same threads or fewer: another test's client may end meanwhile, the pull's own must not outlive it
        assertThat(httpClientThreads()).as("a pull closes its HTTP client (a daemon pulls on a schedule)")
                .isSubsetOf(clientsBefore);
        Path kept = single(copy);
        assertThat(kept.getFileName().toString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d{6}Z-export-" + id);
        assertThat(Files.readString(kept.resolve("csv/notes.csv"))).contains("\"Grüße, \"\"quoted\"\"\"");
        assertThat(pull(key).out()).contains("0 export(s) pulled, 1 already here");

        assertThat(cairn("export", "verify", copy.toString()).code()).isZero();
        Files.writeString(kept.resolve("csv/notes.csv"), "changed\r\n");
        Run verify = cairn("export", "verify", kept.toString());
        assertThat(verify.code()).isEqualTo(13);
        assertThat(verify.out()).contains("DAMAGED", "csv/notes.csv: its bytes do not match");
        assertThat(cairn("export", "keygen", "--output", key.toString()).err()).contains("never overwrites");
    }

    @Test
    void aDownloadCutMidWayResumesWhereItStopped() throws Exception {
        long id = export();
        byte[] whole = download(id);
        Path state = Files.createDirectories(copy.resolve(".cairn-export"));
        Files.write(state.resolve("export-" + id + ".age.part"), Arrays.copyOf(whole, whole.length / 2));
        Run pull = pull(key);
        assertThat(pull.code()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("export " + id + ": resumed the download at byte " + whole.length / 2);
        assertThat(single(copy).resolve("manifest.json")).exists();
        assertThat(state.resolve("export-" + id + ".age.part")).doesNotExist();
    }

    @Test
    void aTamperedBundleAWrongIdentityAndAChangedSigningKeyAreRefusedAndNothingIsKept() throws Exception {
        export();
        Path other = dir.resolve("other.txt");
        cairn("export", "keygen", "--output", other.toString());
        Run wrong = pull(other);
        assertThat(wrong.code()).isEqualTo(13);
        assertThat(wrong.err()).contains("cannot decrypt export", "Nothing was kept");
        assertNothingKept();

        Path pin = copy.resolve(".cairn-export/signing-key");
        String pinned = Files.readString(pin);
        Files.writeString(pin, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        Run changed = pull(key);
        assertThat(changed.code()).isEqualTo(13);
        assertThat(changed.err()).contains("signing key changed");
        Files.writeString(pin, pinned);

        Path bundle = storedBundle();
        byte[] bytes = Files.readAllBytes(bundle);
        bytes[bytes.length / 2] ^= 1;
        Files.write(bundle, bytes);
        Run tampered = pull(key);
        assertThat(tampered.code()).isEqualTo(13);
        assertThat(tampered.err()).contains("does not match the size and SHA-256");
        assertNothingKept();
    }

    @Test
    void aChainIsPulledInOrderAndVerifiedAndAMissingLinkIsAClearError() throws Exception {
        long full = export("{\"formats\":[\"jsonl\"]}");
        post("/api/v1/workspace/tables/notes/records", "{\"text\":\"after the full export\"}");
        long increment = export("{\"mode\":\"incremental\"}");
        Run pull = pull(key);
        assertThat(pull.code()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("2 export(s) pulled");
        assertThat(cairn("export", "verify", copy.toString()).code()).isZero();
        Path fullDir;
        try (Stream<Path> children = Files.list(copy)) {
            fullDir = children.filter(p -> p.getFileName().toString().endsWith("-export-" + full)).findFirst()
                    .orElseThrow();
        }
        Files.move(fullDir, dir.resolve("moved-away"));
        Run verify = cairn("export", "verify", copy.toString());
        assertThat(verify.code()).isEqualTo(13);
        assertThat(verify.out()).contains("export-" + increment + ": DAMAGED", "chain:", "is not in this copy");

        server.core().database().jdbi().useHandle(h -> h.execute("DELETE FROM exports WHERE id = ?", full));
        copy = dir.resolve("copy-b");
        Run broken = pull(key);
        assertThat(broken.code()).isEqualTo(13);
        assertThat(broken.err()).contains("export " + increment + " is incremental", "the chain is broken there",
                "not kept");
        assertNothingKept();
    }

    @Test
    void pullIntoRepoStoresEachExportAsASnapshotTaggedOnsiteExport() throws Exception {
        long id = export();
        Path repo = dir.resolve("repo");
        Map<String, String> env = Map.of("CAIRN_PASSWORD", "repo passphrase", "CAIRN_TEST_KDF", "1");
        assertThat(cairn(env, "init", "-r", repo.toString()).code()).isZero();
        Run wrong = cairn(Map.of("CAIRN_PASSWORD", "not it", "CAIRN_TEST_KDF", "1"), "export", "pull", "--server",
                server.uri("").toString(), "--identity", key.toString(), "--to", copy.toString(), "--into-repo",
                repo.toString());
        assertThat(wrong.code()).as(wrong.err()).isEqualTo(11);
        assertThat(copy.resolve(".cairn-export")).doesNotExist();

        Run pull = cairn(env, "export", "pull", "--server", server.uri("").toString(), "--identity", key.toString(),
                "--to", copy.toString(), "--into-repo", repo.toString());
        assertThat(pull.code()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("export " + id + ": stored in " + repo, "(tag onsite-export)");
        Path kept = single(copy);
        Run snapshots = cairn(env, "--json", "snapshots", "-r", repo.toString(), "--tag", "onsite-export");
        assertThat(snapshots.code()).as(snapshots.err()).isZero();
        JsonNode list = JSON.readTree(snapshots.out());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("tags").toString()).contains("onsite-export", "export-" + id);
        assertThat(list.get(0).get("paths").get(0).asText()).isEqualTo(kept.toAbsolutePath().toString());

        Path restored = dir.resolve("restored");
        Run restore = cairn(env, "restore", "-r", repo.toString(), "latest", "--target", restored.toString());
        assertThat(restore.code()).as(restore.err()).isZero();
        try (Stream<Path> all = Files.walk(restored)) {
            Path manifest = all.filter(p -> p.endsWith("manifest.json")).findFirst().orElseThrow();
            assertThat(Files.readAllBytes(manifest)).isEqualTo(Files.readAllBytes(kept.resolve("manifest.json")));
        }
    }

    /**
     * A full disk while downloading, made real: the agent runs as a child process under {@code ulimit -f} (a file-size
     * limit, so its writes fail with EFBIG as a full disk fails them with ENOSPC). It says the disk is full, exits 1,
     * and keeps no export, only the partial download in its state directory; the next pull resumes from there.
     */
    @Test
    void aFullDiskStopsThePullWithNothingKeptAndTheNextPullResumes() throws Exception {
        long id = export("{}");
        long size = download(id).length;
        long limitKiB = Math.max(1, size / 1024 / 2);
        Path log = dir.resolve("full-disk.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "ulimit -f " + limitKiB + " && exec \"$0\" \"$@\"", javaBin,
                "-XX:-UsePerfData", "-Xshare:off", "-Djava.io.tmpdir=" + dir, "-cp",
                System.getProperty("java.class.path"), dev.cairn.agent.AgentMain.class.getName(), "export", "pull",
                "--server", server.uri("").toString(), "--identity", key.toString(), "--to", copy.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CAIRN_TOKEN", server.token("ann", TokenScope.READ));
        pb.environment().put("CAIRN_CACHE_DIR", dir.resolve("cache").toString());
        Process child = pb.start();
        assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(log);
        assertThat(child.exitValue()).as(said).isEqualTo(1);
        assertThat(said).contains("the disk is full (", "free some space and pull again: the download resumes where "
                + "it stopped, nothing partial was kept");
        Path part = copy.resolve(".cairn-export/export-" + id + ".age.part");
        long partial = Files.size(part);
        assertThat(partial).isPositive().isLessThan(size).isLessThanOrEqualTo(limitKiB * 1024);
        try (Stream<Path> children = Files.list(copy)) {
            assertThat(children.map(p -> p.getFileName().toString())).containsExactly(".cairn-export");
        }

        Run again = pull(key);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("export " + id + ": resumed the download at byte " + partial,
                "1 export(s) pulled");
        assertThat(cairn("export", "verify", copy.toString()).code()).isZero();
        assertThat(part).doesNotExist();
    }

    private void assertNothingKept() throws Exception {
        try (Stream<Path> all = Files.walk(copy)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> copy.relativize(p).toString()))
                    .containsExactly(".cairn-export/signing-key");
        }
    }

    private Path storedBundle() throws Exception {
        try (Stream<Path> all = Files.walk(dir.resolve("server"))) {
            return all.filter(Files::isRegularFile).filter(p -> p.toString().contains("/features/export/"))
                    .findFirst().orElseThrow();
        }
    }

    private static Path single(Path copyDir) throws Exception {
        try (Stream<Path> children = Files.list(copyDir)) {
            List<Path> kept = children.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertThat(kept).hasSize(1);
            return kept.getFirst();
        }
    }

    private Run pull(Path identity) {
        return cairn("export", "pull", "--server", server.uri("").toString(), "--identity", identity.toString(),
                "--to", copy.toString());
    }

    private Run cairn(String... args) {
        return cairn(Map.of(), args);
    }

    private Run cairn(Map<String, String> extraEnv, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("CAIRN_TOKEN", server.token("ann", TokenScope.READ));
        int code = Cli.run(args, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private long export() throws Exception {
        return export("{\"formats\":[\"csv\",\"sqlite\"]}");
    }

    private long export(String request) throws Exception {
        long id = JSON.readTree(post("/api/v1/workspace/exports", request)).get("id").asLong();
        for (int i = 0; i < 6000; i++) {
            JsonNode list = JSON.readTree(server.send(server.request("/api/v1/workspace/exports")
                    .header("Authorization", "Bearer " + token).build()).body()).get("exports");
            String status = list.get(0).get("status").asText();
            if (status.equals("done")) {
                return id;
            }
            assertThat(status).as(list.toString()).isIn("queued", "running");
            Thread.sleep(20);
        }
        throw new AssertionError("the export did not end");
    }

    private byte[] download(long id) throws Exception {
        return server.sendBytes(server.request("/api/v1/workspace/exports/" + id)
                .header("Authorization", "Bearer " + token).build()).body();
    }

    private String post(String path, String body) throws Exception {
        HttpResponse<String> r = server.send(server.request(path).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return r.body();
    }

    /** Live selector threads of JDK HTTP clients: one per client not yet closed. */
    /** The JDK HTTP clients' selector threads alive now: one per client not yet closed. */
    private static java.util.Set<Thread> httpClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().matches("HttpClient-\\d+-SelectorManager"))
                .collect(java.util.stream.Collectors.toSet());
    }
}
