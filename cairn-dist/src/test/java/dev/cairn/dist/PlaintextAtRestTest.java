package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStores;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.client.HttpBlobStore;
import dev.cairn.engine.backup.Archiver;
import dev.cairn.engine.backup.ArchiverOptions;
import dev.cairn.engine.backup.BackupListener;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.Repositories;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.restore.RestoreOptions;
import dev.cairn.engine.restore.Restorer;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.protocol.TokenScope;
import dev.cairn.s3.S3ProxyFixture;
import dev.cairn.server.ServerApp;
import dev.cairn.server.ServerConfig;
import dev.cairn.server.auth.PasswordHasher;
import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.PlaintextScanner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plaintext never reaches storage (spec §Threat model): after a backup into a local, an S3 (S3Proxy) and a server
 * repository, nothing the storage side holds (the repository's files, S3Proxy's files, the server's data directory with
 * its database) contains a file's content, a file, directory or link name, the repository password or the account's
 * login password. The scan first finds the same needles planted through the same store, and the restore gives them back.
 */
class PlaintextAtRestTest {
    private static final String PASSWORD = "correct horse Zq4-battery";
    private static final String LOGIN_PASSWORD = "ann login Vb81-staple";

    @TempDir
    Path tmp;

    enum Kind { LOCAL, S3, SERVER }

    /** A store of one kind, and the directories that hold what its provider stores. */
    private record Storage(BlobStore store, List<Path> roots, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void noPlaintextInWhatTheStorageHolds(Kind kind) throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src/Quarterly-Report-Xq7Z"));
        byte[] random = DeterministicRandom.bytes(31, 128 << 10);
        Files.write(source.resolve("random.bin"), random);
        Files.writeString(source.resolve("Salaries-2026-Kp9W.txt"), "confidential: the salary of Mw3v is 9f2b7c euros\n");
        Files.createSymbolicLink(source.resolve("link-to-Jh5t"), Path.of("Salaries-2026-Kp9W.txt"));
        PlaintextScanner scanner = new PlaintextScanner()
                .needle("file content (incompressible)", Arrays.copyOfRange(random, 60_000, 60_064))
                .needle("file content (text)", utf8("the salary of Mw3v is 9f2b7c"))
                .needle("file name", utf8("Salaries-2026-Kp9W"))
                .needle("directory name", utf8("Quarterly-Report-Xq7Z"))
                .needle("symlink name", utf8("link-to-Jh5t"))
                .needle("repository password", utf8(PASSWORD))
                .needle("login password", utf8(LOGIN_PASSWORD));
        try (Storage storage = open(kind)) {
            plantAndFind(storage, scanner);
            try (Repository repo = Repositories.init(storage.store(), PASSWORD.toCharArray(),
                    Repositories.InitOptions.defaults().withKdf(KdfParams.TEST), Environment.system())) {
                Archiver.create(repo, ArchiverOptions.defaults(), BackupListener.NONE).run(List.of(source));
                Path target = tmp.resolve("restored");
                Restorer.create(repo, RestoreOptions.defaults(), null)
                        .restore(Snapshots.resolve(repo, "latest", Snapshots.ALL), target);
                assertThat(scanner.scan(target)).as("the backup holds the contents (names are file names, not bytes)")
                        .extracting(PlaintextScanner.Finding::needle)
                        .contains("file content (incompressible)", "file content (text)");
            }
            assertThat(scanner.scan(storage.roots().toArray(Path[]::new))).as("plaintext in the %s storage", kind).isEmpty();
        }
    }

    /** Stores one object holding every needle through the same store, finds each, deletes it. */
    private static void plantAndFind(Storage storage, PlaintextScanner scanner) throws Exception {
        byte[] all = scanner.allNeedles();
        BlobName name = BlobName.of(BlobKind.LOCK, "ab".repeat(32)); // locks are deleted at once, even on a server
        storage.store().put(name, all);
        assertThat(scanner.scan(storage.roots().toArray(Path[]::new))).extracting(PlaintextScanner.Finding::needle)
                .as("the scan finds what was planted").containsExactlyInAnyOrderElementsOf(scanner.names());
        storage.store().delete(name);
        assertThat(scanner.scan(storage.roots().toArray(Path[]::new))).as("the planted object is gone").isEmpty();
    }

    private Storage open(Kind kind) throws Exception {
        return switch (kind) {
            case LOCAL -> {
                Path repo = tmp.resolve("repo");
                yield new Storage(LocalBlobStore.create(repo), List.of(repo), () -> { });
            }
            case S3 -> {
                S3ProxyFixture s3 = S3ProxyFixture.start();
                AutoCloseable credentials = S3ProxyFixture.useCredentials();
                BlobStore store = BlobStores.create(s3.location(s3.newBucketName(), "laptop"));
                yield new Storage(store, List.of(s3.dataDirectory()), () -> {
                    store.close();
                    credentials.close();
                    s3.close();
                });
            }
            case SERVER -> {
                Path data = tmp.resolve("server");
                ServerApp server = ServerApp.start(ServerConfig.defaults(data).withListen("127.0.0.1", 0)
                        .withPasswordHash(PasswordHasher.TEST), InstantSource.system(), new SecureRandom()::nextBytes,
                        "admin password for the scan", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        ServerLauncher.FEATURES);
                long ann = server.core().accounts().create("ann", "ann@example.com", LOGIN_PASSWORD, false).id();
                String token = server.core().tokens().create(ann, "laptop", TokenScope.FULL, null).token();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                BlobStore store = HttpBlobStore.open(client, URI.create("http://127.0.0.1:" + server.port() + "/"), "laptop",
                        token);
                yield new Storage(store, List.of(data), () -> {
                    store.close();
                    server.close();
                });
            }
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
