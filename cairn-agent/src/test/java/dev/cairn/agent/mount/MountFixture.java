package dev.cairn.agent.mount;

import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.backup.Archiver;
import dev.cairn.engine.backup.ArchiverOptions;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.Repositories;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * A real repository on disk with two snapshots of a small source tree (one per host, an hour apart) and a
 * {@link DavServer} over it on a free loopback port. The source holds a multi-blob file of {@code bigBytes}
 * deterministic random bytes, text files, an empty file, a name that needs escaping, a nested directory and a symlink.
 */
final class MountFixture implements AutoCloseable {
    static final Instant FIRST = Instant.parse("2026-12-06T15:04:05Z");
    static final Instant SECOND = FIRST.plus(Duration.ofHours(1));
    static final Instant FILE_MTIME = Instant.parse("2026-11-30T08:00:00Z");
    static final String ODD_NAME = "a b&c<ü>%.txt";

    final Path source;
    final Path big;
    final RecordingStore store;
    final Repository repo;
    final List<SnapshotRef> snapshots;
    DavServer server;
    /** What the server reported (failures of the repository while serving). */
    final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

    private MountFixture(Path source, Path big, RecordingStore store, Repository repo, List<SnapshotRef> snapshots) {
        this.source = source;
        this.big = big;
        this.store = store;
        this.repo = repo;
        this.snapshots = snapshots;
    }

    static MountFixture create(Path tmp, long bigBytes) throws IOException {
        Path source = tmp.resolve("src");
        Path big = writeSource(source, bigBytes);
        MutableClock clock = MutableClock.at(FIRST);
        Environment env = new Environment(new Random(7), clock, "laptop", "tester", 4242);
        RecordingStore store = new RecordingStore(LocalBlobStore.create(tmp.resolve("repo")));
        Repository repo = Repositories.init(store, "pw".toCharArray(),
                Repositories.InitOptions.defaults().withKdf(KdfParams.TEST), env, tmp.resolve("cache"));
        Archiver.create(repo, ArchiverOptions.defaults().withHostname("laptop"), null).run(List.of(source));
        clock.set(SECOND);
        Files.writeString(source.resolve("notes.txt"), "second version\n");
        Archiver.create(repo, ArchiverOptions.defaults().withHostname("desktop"), null).run(List.of(source));
        return new MountFixture(source, big, store, repo, Snapshots.list(repo));
    }

    private static Path writeSource(Path source, long bigBytes) throws IOException {
        Files.createDirectories(source.resolve("docs/deep"));
        Files.writeString(source.resolve("notes.txt"), "first version\n");
        Files.writeString(source.resolve("docs/report.html"), "<html>report</html>");
        Files.writeString(source.resolve("docs/deep/" + ODD_NAME), "odd", StandardCharsets.UTF_8);
        Files.createFile(source.resolve("empty.bin"));
        Files.createSymbolicLink(source.resolve("link"), Path.of("notes.txt"));
        Path big = source.resolve("big.bin");
        try (InputStream in = DeterministicRandom.stream(99, bigBytes); OutputStream out = Files.newOutputStream(big)) {
            in.transferTo(out);
        }
        for (Path p : List.of(source.resolve("notes.txt"), source.resolve("docs/report.html"), big)) {
            Files.setLastModifiedTime(p, FileTime.from(FILE_MTIME));
        }
        return big;
    }

    MountFixture serve(MountOptions options) throws IOException {
        server = DavServer.start(repo, snapshots, options, problems::add);
        return this;
    }

    MountFixture serve() throws IOException {
        return serve(loopback());
    }

    /** Another server over the same repository (the caller closes it). */
    DavServer start(MountOptions options) throws IOException {
        return DavServer.start(repo, snapshots, options, problems::add);
    }

    static MountOptions loopback() {
        return new MountOptions(new ListenAddress("127.0.0.1", 0), null, MountOptions.DEFAULT_CACHE_BYTES, 4);
    }

    String url() {
        return "http://127.0.0.1:" + server.address().getPort();
    }

    /** The snapshot directory path of the first snapshot, as {@code /snapshots/<time>} plus the source's absolute path. */
    String firstSourcePath() {
        return "/snapshots/2026-12-06T15:04:05Z" + source.toAbsolutePath();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        repo.close();
        store.close();
    }
}
