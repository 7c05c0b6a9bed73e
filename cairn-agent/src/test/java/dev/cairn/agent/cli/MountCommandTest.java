package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("cairn mount --webdav: options, serving until stopped, the password off loopback")
class MountCommandTest {
    private static final Pattern URL = Pattern.compile("http://[^ \"]+/");
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path tmp;

    @Test
    @DisplayName("bad options are usage errors (exit 2) that say what to do; nothing is served")
    void usageErrors() {
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        CliHarness.Result none = cli.run("mount");
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("--webdav");
        assertThat(cli.run("mount", "--webdav", "--listen", "4918").err()).contains("HOST:PORT");
        assertThat(cli.run("mount", "--webdav", "--listen", "127.0.0.1:99999").code()).isEqualTo(ExitCodes.USAGE);
        CliHarness.Result remote = cli.run("mount", "--webdav", "--listen", "0.0.0.0:0");
        assertThat(remote.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(remote.err()).contains("--allow-remote");
        assertThat(cli.run("mount", "--webdav", "--listen", "no-such-host.invalid:4918").err()).contains("cannot resolve");
    }

    @Test
    @DisplayName("serves the repository's snapshots until interrupted, then exits 0")
    void servesUntilStopped() throws Exception {
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("hello.txt"), "hello over webdav");
        cli.backup(src.toString());
        try (Running mount = Running.start(cli, "mount", "--webdav", "--listen", "127.0.0.1:0")) {
            String url = mount.url();
            assertThat(mount.out()).contains("serving 1 snapshot of ").doesNotContain("password");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "latest" + src + "/hello.txt")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("hello over webdav");
            assertThat(mount.stop()).isEqualTo(ExitCodes.OK);
            assertThat(Running.refused(http, url)).isTrue();
        }
    }

    @Test
    @DisplayName("--allow-remote: a warning, and every request needs user cairn with the printed random password")
    void remoteNeedsThePassword() throws Exception {
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "secret");
        cli.backup(src.toString());
        try (Running mount = Running.start(cli, "mount", "--webdav", "--listen", "0.0.0.0:0", "--allow-remote", "--json")) {
            mount.url();
            JsonNode serving = new ObjectMapper().readTree(mount.out().lines().filter(l -> l.contains("serving")).findFirst().orElseThrow());
            String password = serving.get("password").asText();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(mount.err()).contains("warning: other machines can connect");
            String port = serving.get("url").asText().replaceAll(".*:(\\d+)/$", "$1");
            URI file = URI.create("http://127.0.0.1:" + port + "/latest" + src + "/a.txt");
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(file).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(get(file, "cairn:wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> ok = get(file, "cairn:" + password);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("secret");
        }
    }

    private HttpResponse<String> get(URI uri, String credentials) throws Exception {
        String basic = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code cairn mount} running in-process on its own thread; stopped by interrupting it, as Ctrl-C stops the real one. */
    private static final class Running implements AutoCloseable {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final AtomicInteger code = new AtomicInteger(-1);
        private final Thread thread;

        private Running(CliHarness cli, String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            thread = new Thread(() -> code.set(Cli.run(all.toArray(String[]::new), cli.env,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))));
            thread.start();
        }

        static Running start(CliHarness cli, String... args) {
            return new Running(cli, args);
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** The URL the command printed, waiting up to 20 s for it. */
        String url() throws InterruptedException {
            for (int i = 0; i < 400; i++) {
                Matcher m = URL.matcher(out());
                if (m.find()) {
                    return m.group();
                }
                if (!thread.isAlive()) {
                    throw new AssertionError("mount exited " + code.get() + ":\n" + out() + err());
                }
                Thread.sleep(50);
            }
            throw new AssertionError("mount printed no URL:\n" + out() + err());
        }

        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10));
            return code.get();
        }

        static boolean refused(HttpClient http, String url) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                return false;
            } catch (java.io.IOException e) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (thread.isAlive()) {
                stop();
            }
        }
    }
}
