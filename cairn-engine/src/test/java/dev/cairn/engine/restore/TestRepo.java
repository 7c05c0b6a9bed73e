package dev.cairn.engine.restore;

import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.Repositories;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.WriteSession;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Tree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test-only stand-in for the archiver: an in-memory repository, and a walker that stores a real directory as a snapshot in
 * the layout the archiver produces (nested path nodes from the root, 64 KiB fixed-size chunks, one sealing worker so that a
 * file's blobs lie back to back in its pack).
 *
 * <p>Deliberately separate from {@code fixture.TestRepos}: these tests need 64 KiB chunks in 1 MiB packs (read
 * coalescing), the real metadata of a walked directory, and trees stored in the order given (malformed trees), where
 * {@code TestRepos} builds 64 KiB packs of 16 KiB chunks from in-memory content with fixed metadata and sorted trees.
 */
final class TestRepo {
    static final int CHUNK = 64 * 1024;
    final CountingBlobStore store = new CountingBlobStore(MemoryBlobStore.create());
    final Repository repo;

    TestRepo() throws IOException {
        repo = Repositories.init(store, "pw".toCharArray(),
                Repositories.InitOptions.defaults().withKdf(KdfParams.TEST).withPackSize(1 << 20), env());
    }

    static Environment env() {
        return new Environment(new Random(42), InstantSource.fixed(Instant.parse("2026-03-04T05:06:07Z")), "testhost", "tester", 4242);
    }

    /** Backs up one path (a directory, file or symlink) like {@code cairn backup <path>}. */
    SnapshotRef backup(Path source) throws IOException {
        Path abs = source.toAbsolutePath();
        try (WriteSession s = repo.newWriteSession()) {
            Node current = node(s, abs);
            for (Path p = abs.getParent(); p.getParent() != null; p = p.getParent()) {
                current = meta(p, Node.DIR, 0, null, saveTree(s, List.of(current)), null);
            }
            return commit(s, saveTree(s, List.of(current)), abs.toString());
        }
    }

    /** Stores a snapshot document for a root tree saved in {@code s}. */
    SnapshotRef commit(WriteSession s, String rootTree, String path) throws IOException {
        Snapshot snap = new Snapshot(Snapshot.CURRENT_VERSION, env().clock().instant(), rootTree, List.of(path), "testhost", "tester",
                List.of(), null, "test", false, null);
        return new SnapshotRef(s.commitSnapshot(snap).hex(), snap);
    }

    static String saveTree(WriteSession s, List<Node> nodes) throws IOException {
        return s.saveBlob(BlobType.TREE, Json.write(new Tree(nodes))).id().hex();
    }

    static String saveData(WriteSession s, byte[] bytes) throws IOException {
        return s.saveBlob(BlobType.DATA, bytes).id().hex();
    }

    static Node fileNode(String name, List<String> content, long size) {
        return new Node(name, Node.FILE, 0644, 1_700_000_000_000_000_000L, 0, 0, 0, null, null, 0, 0, 1, size, content, null, null);
    }

    static Node dirNode(String name, String subtree) {
        return new Node(name, Node.DIR, 0755, 1_700_000_000_000_000_000L, 0, 0, 0, null, null, 0, 0, 1, 0, null, subtree, null);
    }

    static Node linkNode(String name, String target) {
        return new Node(name, Node.SYMLINK, 0777, 1_700_000_000_000_000_000L, 0, 0, 0, null, null, 0, 0, 1, 0, null, null, target);
    }

    private Node node(WriteSession s, Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        if ((Boolean) a.get("isSymbolicLink")) {
            return meta(p, Node.SYMLINK, 0, null, null, Files.readSymbolicLink(p).toString());
        }
        if ((Boolean) a.get("isDirectory")) {
            List<Node> children = new ArrayList<>();
            try (Stream<Path> list = Files.list(p)) {
                for (Path c : list.sorted(Comparator.comparing(c -> c.getFileName().toString())).toList()) {
                    children.add(node(s, c));
                }
            }
            return meta(p, Node.DIR, 0, null, saveTree(s, children), null);
        }
        return meta(p, Node.FILE, (Long) a.get("size"), saveContent(s, p), null, null);
    }

    private static List<String> saveContent(WriteSession s, Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (byte[] chunk = in.readNBytes(CHUNK); chunk.length > 0; chunk = in.readNBytes(CHUNK)) {
                ids.add(saveData(s, chunk));
            }
        }
        return ids;
    }

    private static Node meta(Path p, String type, long size, List<String> content, String subtree, String link) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        return new Node(p.getFileName().toString(), type, (Integer) a.get("mode") & 07777,
                ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS), ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS),
                (Integer) a.get("uid"), (Integer) a.get("gid"), ((UserPrincipal) a.get("owner")).getName(),
                ((GroupPrincipal) a.get("group")).getName(), (Long) a.get("ino"), (Long) a.get("dev"), (Integer) a.get("nlink"),
                size, content, subtree, link);
    }

    /** Where {@code source} lands when its snapshot is restored into {@code target}. */
    static Path restored(Path target, Path source) {
        return target.resolve(source.toAbsolutePath().toString().substring(1));
    }
}
