package dev.cairn.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.server.ServerApp;
import dev.cairn.server.ServerConfig;
import dev.cairn.server.account.SignupMode;
import dev.cairn.server.auth.PasswordHasher;
import dev.cairn.server.feature.Feature;
import dev.cairn.server.feature.Platform;
import dev.cairn.server.http.Route;
import dev.cairn.server.web.WebKit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code cairn server --offline --from-copy DIR}: an offline server is loopback-only with closed sign-up and no mail, and
 * hands the copy to the features before it listens, once (a feature that already holds the data declines).
 */
class OfflineStartTest {
    @TempDir
    Path dir;

    /** A feature that imports a copy into an account once and records each call. */
    private static final class CopyReader implements Feature, Feature.Running {
        final List<String> calls = new ArrayList<>();
        private final List<Long> imported = new ArrayList<>();

        @Override
        public String name() {
            return "copy-reader";
        }

        @Override
        public List<String> migrationLocations() {
            return List.of();
        }

        @Override
        public Running start(Platform platform) {
            return this;
        }

        @Override
        public List<Route> routes(WebKit web) {
            return List.of();
        }

        @Override
        public void accountPurged(long accountId) {
        }

        @Override
        public boolean importCopy(Path copy, long accountId, PrintStream out) {
            calls.add(copy.getFileName() + "->" + accountId);
            if (imported.contains(accountId)) {
                return false;
            }
            imported.add(accountId);
            out.println("restored the copy");
            return true;
        }
    }

    private ServerConfig config(Path data) {
        return ServerConfig.defaults(data).withListen("127.0.0.1", 0).withPasswordHash(PasswordHasher.TEST);
    }

    private Path copy() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("copy"));
        Files.writeString(copy.resolve("manifest.json"), "{}");
        return copy;
    }

    @Test
    void theCopyGoesToTheFeaturesOnceBeforeTheServerListens() throws Exception {
        CopyReader reader = new CopyReader();
        Path copy = copy();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (ServerApp app = ServerApp.start(config(dir.resolve("data")), InstantSource.system(),
                new SecureRandom()::nextBytes, null, print, List.of(reader), copy)) {
            assertThat(app.port()).isPositive();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("created the admin account 'admin' with password")
                .contains("restored the copy");
        assertThat(reader.calls).hasSize(1);
        out.reset();
        try (ServerApp again = ServerApp.start(config(dir.resolve("data")), InstantSource.system(),
                new SecureRandom()::nextBytes, null, print, List.of(reader), copy)) {
            assertThat(again.port()).isPositive();
        }
        assertThat(reader.calls).hasSize(2).allMatch(c -> c.equals(reader.calls.getFirst()));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("nothing was restored")
                .doesNotContain("created the admin account");
    }

    @Test
    void aDirectoryWithoutAManifestIsRefusedWithWhatToDo() throws Exception {
        Path notACopy = Files.createDirectories(dir.resolve("bundle-still-encrypted"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThatThrownBy(() -> ServerApp.start(config(dir.resolve("data")), InstantSource.system(),
                new SecureRandom()::nextBytes, null, new PrintStream(printed),
                List.of(new CopyReader()), notACopy))
                .hasMessageContaining("not a decrypted onsite copy").hasMessageContaining("decrypt");
        // refused before anything is made: the admin's password, shown only once, is not spent on a wrong path
        assertThat(printed.toString()).doesNotContain("created the admin account");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void offlineMeansLoopbackClosedSignUpNoMailAndItsOwnDataDirectory() {
        ServerCommand command = new ServerCommand(Map.of("HOME", dir.toString()), new ByteArrayInputStream(new byte[0]),
                System.out, List.of());
        new CommandLine(command).parseArgs("--offline");
        ServerConfig config = command.config();
        assertThat(config.listenHost()).isEqualTo("127.0.0.1");
        assertThat(config.signup()).isEqualTo(SignupMode.CLOSED);
        assertThat(config.mail()).isNull();
        assertThat(config.dataDir()).isEqualTo(ServerCommand.OFFLINE_DATA_DIR);

        ServerCommand chosen = new ServerCommand(Map.of("HOME", dir.toString()), new ByteArrayInputStream(new byte[0]),
                System.out, List.of());
        new CommandLine(chosen).parseArgs("--offline", "--data-dir", dir.resolve("mine").toString());
        assertThat(chosen.config().dataDir()).isEqualTo(dir.resolve("mine"));
    }

    @Test
    void offlineRefusesToListenBeyondThisMachineAndFromCopyNeedsOffline() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ServerCli.run(new String[] {"--offline", "--listen", "0.0.0.0:0", "--data-dir",
                dir.resolve("d").toString()}, Map.of("HOME", dir.toString()), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                List.of());
        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--offline serves this machine only");

        err.reset();
        code = ServerCli.run(new String[] {"--from-copy", copy().toString(), "--data-dir", dir.resolve("d").toString()},
                Map.of("HOME", dir.toString()), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                List.of());
        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("add --offline");
        assertThat(Files.exists(dir.resolve("d"))).isFalse();
    }
}
